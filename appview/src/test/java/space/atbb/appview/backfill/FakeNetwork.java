package space.atbb.appview.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import space.atbb.lexicon.Nsid;

/**
 * A PLC directory, a relay and PDSes on 127.0.0.1, over real HTTP (the JDK's HttpServer). Records
 * are published as Jetstream commit events (those of {@code TestEvents}), so one list of events
 * can be both a network to backfill and a stream or a file to replay.
 *
 * <pre>
 * FakeNetwork net = FakeNetwork.start();
 * net.account("did:plc:alice", "alice.test");   // in the PLC directory, on the PDS
 * net.publish(events.membership("did:plc:alice"));
 * net.pds("did:plc:alice", FakeNetwork.Pds.FAILING);
 * </pre>
 */
public final class FakeNetwork implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the PDS answers listRecords for a repository; RATE_LIMITED answers one 429 (Retry-After: 1), then is UP. */
    enum Pds { UP, FAILING, SLOW, GARBAGE, RATE_LIMITED }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, String> handles = new ConcurrentHashMap<>();
    private final Map<String, Pds> modes = new ConcurrentHashMap<>();
    /** did + " " + collection → rkey → {uri, cid, value}. */
    private final Map<String, NavigableMap<String, ObjectNode>> records = new ConcurrentHashMap<>();
    private final AtomicInteger listRecordsCalls = new AtomicInteger();
    private volatile int relayPage = 7;
    private volatile long slowMillis = 3_000;
    private volatile long delayMillis;
    private volatile BiConsumer<String, String> onListRecords = (did, collection) -> { };

    private FakeNetwork(HttpServer server) {
        this.server = server;
    }

    public static FakeNetwork start() throws IOException {
        FakeNetwork net = new FakeNetwork(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        net.server.setExecutor(net.threads);
        net.server.createContext("/plc/", net::plc);
        net.server.createContext("/.well-known/did.json", net::didWeb);
        net.server.createContext("/relay/xrpc/com.atproto.sync.listReposByCollection", net::listRepos);
        net.server.createContext("/pds/xrpc/com.atproto.repo.listRecords", net::listRecords);
        net.server.start();
        return net;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI plcUrl() {
        return URI.create(base() + "/plc");
    }

    public URI relayUrl() {
        return URI.create(base() + "/relay");
    }

    /** The did:web account this server's host can hold: did:web:127.0.0.1%3APORT. */
    String webDid() {
        return "did:web:127.0.0.1%3A" + server.getAddress().getPort();
    }

    /** An account whose DID document names this PDS and {@code handle}. */
    void account(String did, String handle) {
        handles.put(did, handle);
        modes.putIfAbsent(did, Pds.UP);
    }

    void forget(String did) {
        handles.remove(did);
    }

    void pds(String did, Pds mode) {
        modes.put(did, mode);
    }

    void relayPage(int size) {
        relayPage = size;
    }

    /** Each listRecords answer waits this long first (for a backfill to kill part-way). */
    void delay(long millis) {
        delayMillis = millis;
    }

    /** Called with (did, collection) before each listRecords answer. */
    void onListRecords(BiConsumer<String, String> hook) {
        onListRecords = hook;
    }

    int listRecordsCalls() {
        return listRecordsCalls.get();
    }

    /** Applies a Jetstream commit event (a create, update or delete) to its repository. */
    void publish(String event) {
        try {
            JsonNode e = JSON.readTree(event);
            String did = e.path("did").asText();
            JsonNode commit = e.path("commit");
            String collection = commit.path("collection").asText();
            String rkey = commit.path("rkey").asText();
            NavigableMap<String, ObjectNode> repo = records.computeIfAbsent(did + " " + collection,
                    k -> new ConcurrentSkipListMap<>());
            if (commit.path("operation").asText().equals("delete")) {
                repo.remove(rkey);
            } else {
                repo.put(rkey, listed(did, collection, rkey, commit.path("cid").asText(), commit.path("record")));
            }
        } catch (IOException ex) {
            throw new IllegalArgumentException(event, ex);
        }
    }

    /** Puts a listed record as given, even one no firehose event could carry (a wrong address, garbage). */
    void putListed(String did, String collection, String rkey, ObjectNode listed) {
        records.computeIfAbsent(did + " " + collection, k -> new ConcurrentSkipListMap<>()).put(rkey, listed);
    }

    static ObjectNode listed(String did, String collection, String rkey, String cid, JsonNode value) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("uri", "at://" + did + "/" + collection + "/" + rkey);
        entry.put("cid", cid);
        entry.set("value", value);
        return entry;
    }

    private void plc(HttpExchange x) throws IOException {
        String did = URLDecoder.decode(x.getRequestURI().getRawPath().substring("/plc/".length()), StandardCharsets.UTF_8);
        answerDocument(x, did);
    }

    private void didWeb(HttpExchange x) throws IOException {
        answerDocument(x, webDid());
    }

    private void answerDocument(HttpExchange x, String did) throws IOException {
        String handle = handles.get(did);
        if (handle == null) {
            send(x, 404, "{\"message\":\"DID not registered: " + did + "\"}");
            return;
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("id", did);
        doc.putArray("alsoKnownAs").add("at://" + handle);
        ObjectNode pds = doc.putArray("service").addObject();
        pds.put("id", "#atproto_pds");
        pds.put("type", "AtprotoPersonalDataServer");
        pds.put("serviceEndpoint", base() + "/pds");
        send(x, 200, doc.toString());
    }

    /** The DIDs with a membership record, {@link #relayPage} at a time (fewer than asked, as relays may). */
    private void listRepos(HttpExchange x) throws IOException {
        Map<String, String> q = query(x);
        TreeSet<String> dids = new TreeSet<>();
        records.forEach((key, repo) -> {
            if (key.endsWith(" " + Nsid.MEMBERSHIP) && !repo.isEmpty()) {
                dids.add(key.substring(0, key.indexOf(' ')));
            }
        });
        Set<String> after = q.containsKey("cursor") ? dids.tailSet(q.get("cursor"), false) : dids;
        int limit = Math.min(relayPage, Integer.parseInt(q.getOrDefault("limit", "500")));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode repos = answer.putArray("repos");
        String last = null;
        for (String did : after) {
            if (repos.size() == limit) {
                answer.put("cursor", last);
                break;
            }
            repos.addObject().put("did", did);
            last = did;
        }
        send(x, 200, answer.toString());
    }

    private void listRecords(HttpExchange x) throws IOException {
        listRecordsCalls.incrementAndGet();
        Map<String, String> q = query(x);
        String did = q.get("repo");
        String collection = q.get("collection");
        onListRecords.accept(did, collection);
        sleep(delayMillis);
        switch (modes.getOrDefault(did, Pds.UP)) {
            case FAILING -> {
                send(x, 500, "{\"error\":\"InternalServerError\"}");
                return;
            }
            case SLOW -> sleep(slowMillis);
            case GARBAGE -> {
                send(x, 200, "<html>not json</html>");
                return;
            }
            case RATE_LIMITED -> {
                modes.put(did, Pds.UP);
                x.getResponseHeaders().set("Retry-After", "1");
                send(x, 429, "{\"error\":\"RateLimitExceeded\"}");
                return;
            }
            default -> { }
        }
        NavigableMap<String, ObjectNode> repo = records.getOrDefault(did + " " + collection, new ConcurrentSkipListMap<>());
        NavigableMap<String, ObjectNode> after = q.containsKey("cursor") ? repo.tailMap(q.get("cursor"), false) : repo;
        int limit = Math.min(100, Integer.parseInt(q.getOrDefault("limit", "50")));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode page = answer.putArray("records");
        for (Map.Entry<String, ObjectNode> entry : after.entrySet()) {
            if (page.size() == limit) {
                answer.put("cursor", page.get(page.size() - 1).path("uri").asText().replaceAll(".*/", ""));
                break;
            }
            page.add(entry.getValue());
        }
        send(x, 200, answer.toString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> q = new HashMap<>();
        String raw = x.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        try {
            x.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException clientGone) {
            // A client that timed out has closed the connection: nothing to answer.
        } finally {
            x.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
