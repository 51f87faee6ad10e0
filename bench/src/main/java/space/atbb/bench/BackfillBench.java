package space.atbb.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import space.atbb.appview.backfill.BackfillOptions;
import space.atbb.appview.backfill.BackfillRunner;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.testing.TestPostgres;

/**
 * The backfill of REPOS member repositories of RECORDS records each (a membership, a topic and
 * its replies) plus the forum's repository, from a PLC directory, a relay and a PDS served by this
 * JVM on 127.0.0.1 (records generated per page, so the PDS holds nothing), beside a JSONL replay
 * of the same records as create events, each into a fresh database. Reports records/s and the
 * peak heap of each phase (the sum of the heap pools' peaks, reset before it).
 *
 * <pre>BENCH_JAVA_OPTS=-Xmx256m scripts/bench backfill [REPOS (default 100)] [RECORDS (default 1000)] [sqlite|postgres (default both)]</pre>
 */
public final class BackfillBench {
    private static final String FORUM = "did:plc:bench-forum";
    private static final String CREATED = "2026-11-22T10:00:00.000Z";
    private static final String FORUM_REF = "{\"uri\":\"at://" + FORUM + "/space.atbb.forum.forum/self\",\"cid\":\"bafyf\"}";
    private static final String BOARD_REF = "{\"uri\":\"at://" + FORUM + "/space.atbb.forum.board/b1\",\"cid\":\"bafyb\"}";

    private final int repos;
    private final int records;

    private BackfillBench(int repos, int records) {
        this.repos = repos;
        this.records = records;
    }

    public static void main(String[] args) throws Exception {
        BackfillBench bench = new BackfillBench(args.length > 0 ? Integer.parseInt(args[0]) : 100,
                args.length > 1 ? Integer.parseInt(args[1]) : 1_000);
        String only = args.length > 2 ? args[2] : "";
        Path dir = Files.createTempDirectory("atbb-bench-backfill-");
        Path file = dir.resolve("records.jsonl");
        bench.writeJsonl(file);
        long total = bench.totalRecords();
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB; %d repositories x %d records"
                        + " + the forum's 3 = %,d records%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, bench.repos, bench.records,
                total);
        HttpServer server = bench.serve();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            if (!only.equals("postgres")) {
                bench.measure("SQLite", "file:" + dir.resolve("backfill.db"), "file:" + dir.resolve("replay.db"), base, file);
            }
            if (!only.equals("sqlite")) {
                bench.measure("PostgreSQL", TestPostgres.get().createDatabase(true), TestPostgres.get().createDatabase(true),
                        base, file);
            }
        } finally {
            server.stop(0);
        }
    }

    private long totalRecords() {
        return 3 + (long) repos * records;
    }

    private void measure(String name, String backfillUrl, String replayUrl, URI base, Path file) {
        long total = totalRecords();
        try (Database db = Databases.create(backfillUrl)) {
            db.prepareSchema();
            resetPeaks();
            long start = System.nanoTime();
            RepositoryBackfill.Result result = new BackfillRunner(db, Optional.of(FORUM)).run(BackfillOptions.of(
                    Optional.of(FORUM), URI.create(base + "/plc"), URI.create(base + "/relay"), List.of(), false),
                    snapshot -> { });
            double seconds = (System.nanoTime() - start) / 1e9;
            if (result.recordsIndexed() != total || result.errors() != 0) {
                throw new IllegalStateException("the backfill indexed " + result + ", expected " + total + " records");
            }
            report(name, "backfill", total, seconds);
        }
        try (Database db = Databases.create(replayUrl)) {
            db.prepareSchema();
            resetPeaks();
            long start = System.nanoTime();
            IndexerCounters counters = new Indexer(db, FORUM).replay(new JsonlEventSource(file));
            double seconds = (System.nanoTime() - start) / 1e9;
            if (counters.applied() != total) {
                throw new IllegalStateException("the replay applied " + counters + ", expected " + total);
            }
            report(name, "JSONL replay", total, seconds);
        }
    }

    private static void report(String database, String what, long total, double seconds) {
        System.out.printf(Locale.ROOT, "%-10s %-13s %,9d records in %6.1f s: %,8.0f records/s, peak heap %4d MB%n",
                database, what, total, seconds, total / seconds, peakHeap() >> 20);
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static String member(int i) {
        return String.format(Locale.ROOT, "did:plc:bench-member%04d", i);
    }

    /** The record values of a repository's collection, by rkey order: what listRecords and the file hold. */
    private String value(String did, String collection, int n) {
        return switch (collection) {
            case "space.atbb.forum.forum" -> "{\"$type\":\"space.atbb.forum.forum\",\"name\":\"Bench\",\"createdAt\":\"" + CREATED + "\"}";
            case "space.atbb.forum.category" -> "{\"$type\":\"space.atbb.forum.category\",\"name\":\"General\",\"createdAt\":\"" + CREATED + "\"}";
            case "space.atbb.forum.board" -> "{\"$type\":\"space.atbb.forum.board\",\"name\":\"Board\",\"category\":{\"uri\":\"at://"
                    + FORUM + "/space.atbb.forum.category/c1\",\"cid\":\"bafyc\"},\"createdAt\":\"" + CREATED + "\"}";
            case "space.atbb.membership" -> "{\"$type\":\"space.atbb.membership\",\"forum\":" + FORUM_REF
                    + ",\"createdAt\":\"" + CREATED + "\"}";
            default -> n == 0
                    ? "{\"$type\":\"space.atbb.post\",\"title\":\"Topic\",\"text\":\"topic of " + did + "\",\"forum\":"
                    + FORUM_REF + ",\"board\":" + BOARD_REF + ",\"createdAt\":\"" + CREATED + "\"}"
                    : "{\"$type\":\"space.atbb.post\",\"text\":\"reply " + n + " in the thread of " + did + "\",\"forum\":"
                    + FORUM_REF + ",\"reply\":{\"root\":" + topicRef(did) + ",\"parent\":" + topicRef(did)
                    + "},\"createdAt\":\"" + CREATED + "\"}";
        };
    }

    private static String topicRef(String did) {
        return "{\"uri\":\"at://" + did + "/space.atbb.post/" + rkey(0) + "\",\"cid\":\"bafyt\"}";
    }

    private static String rkey(int n) {
        return String.format(Locale.ROOT, "p%06d", n);
    }

    /** How many records {@code did} holds in {@code collection}; their rkeys are rkey(0..n-1) (or self/c1/b1). */
    private int count(String did, String collection) {
        if (did.equals(FORUM)) {
            return collection.startsWith("space.atbb.forum.") && !collection.endsWith("role") && !collection.endsWith("memberRole") ? 1 : 0;
        }
        return switch (collection) {
            case "space.atbb.membership" -> 1;
            case "space.atbb.post" -> records - 1;
            default -> 0;
        };
    }

    private String key(String did, String collection, int n) {
        return switch (collection) {
            case "space.atbb.forum.forum", "space.atbb.membership" -> "self";
            case "space.atbb.forum.category" -> "c1";
            case "space.atbb.forum.board" -> "b1";
            default -> rkey(n);
        };
    }

    private void writeJsonl(Path file) throws IOException {
        long timeUs = 1_800_000_000_000_000L;
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (String collection : List.of("space.atbb.forum.forum", "space.atbb.forum.category", "space.atbb.forum.board")) {
                out.write(event(FORUM, collection, key(FORUM, collection, 0), value(FORUM, collection, 0), ++timeUs));
            }
            for (int i = 0; i < repos; i++) {
                String did = member(i);
                for (String collection : List.of("space.atbb.membership", "space.atbb.post")) {
                    for (int n = 0; n < count(did, collection); n++) {
                        out.write(event(did, collection, key(did, collection, n), value(did, collection, n), ++timeUs));
                    }
                }
            }
        }
    }

    private static String event(String did, String collection, String rkey, String record, long timeUs) {
        return "{\"did\":\"" + did + "\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3l\","
                + "\"operation\":\"create\",\"collection\":\"" + collection + "\",\"rkey\":\"" + rkey + "\",\"cid\":\"bafy"
                + rkey + "\",\"record\":" + record + "}}\n";
    }

    private HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        String pds = "http://127.0.0.1:" + server.getAddress().getPort() + "/pds";
        server.createContext("/plc/", x -> {
            String did = URLDecoder.decode(x.getRequestURI().getRawPath().substring("/plc/".length()), StandardCharsets.UTF_8);
            send(x, "{\"id\":\"" + did + "\",\"alsoKnownAs\":[\"at://" + did.substring(8) + ".bench\"],\"service\":[{\"id\":"
                    + "\"#atproto_pds\",\"type\":\"AtprotoPersonalDataServer\",\"serviceEndpoint\":\"" + pds + "\"}]}");
        });
        server.createContext("/relay/xrpc/com.atproto.sync.listReposByCollection", x -> {
            Map<String, String> q = query(x);
            int from = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor")) : 0;
            int to = Math.min(repos, from + Integer.parseInt(q.get("limit")));
            StringJoiner list = new StringJoiner(",");
            for (int i = from; i < to; i++) {
                list.add("{\"did\":\"" + member(i) + "\"}");
            }
            send(x, "{\"repos\":[" + list + "]" + (to < repos ? ",\"cursor\":\"" + to + "\"" : "") + "}");
        });
        server.createContext("/pds/xrpc/com.atproto.repo.listRecords", x -> {
            Map<String, String> q = query(x);
            String did = q.get("repo");
            String collection = q.get("collection");
            int from = q.containsKey("cursor") ? Integer.parseInt(q.get("cursor")) : 0;
            int to = Math.min(count(did, collection), from + Integer.parseInt(q.get("limit")));
            StringJoiner page = new StringJoiner(",");
            for (int n = from; n < to; n++) {
                String rkey = key(did, collection, n);
                page.add("{\"uri\":\"at://" + did + "/" + collection + "/" + rkey + "\",\"cid\":\"bafy" + rkey
                        + "\",\"value\":" + value(did, collection, n) + "}");
            }
            send(x, "{\"records\":[" + page + "]" + (to < count(did, collection) ? ",\"cursor\":\"" + to + "\"" : "") + "}");
        });
        server.start();
        return server;
    }

    private static Map<String, String> query(HttpExchange x) {
        Map<String, String> q = new HashMap<>();
        for (String pair : x.getRequestURI().getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void send(HttpExchange x, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }
}
