package space.atbb.appview.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;

/**
 * Opens each read route and page of a started app a few times over loopback HTTP, before
 * readiness lets traffic in: otherwise Hibernate's first queries, Jackson's serializers, Pebble's
 * templates, Jetty and the JIT make the first visitors wait seconds. GET requests only, on the ids
 * the app itself lists; where there are none (an empty database) the not-found pages warm instead.
 */
final class Warmup {
    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Generous: on a busy machine the first page can take tens of seconds, which is what the warm-up absorbs. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
    private static final String ANY_ID = "1";
    private static final String ANY_DID = "did:plc:warmup";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    private Warmup(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** Never fails: a request that does not answer is logged, and the app is as warm as it got. */
    static void run(Database db, int port, int rounds) {
        if (rounds <= 0) {
            return;
        }
        long start = System.nanoTime();
        Warmup warmup = new Warmup(port);
        try {
            db.sessionFactory(); // Hibernate's boot, the longest part, before any request waits on it
            List<String> paths = warmup.paths();
            for (int round = 0; round < rounds; round++) {
                for (String path : paths) {
                    warmup.get(path);
                }
            }
            log.info("Warmed up in {} ms: {} pages and routes, {} times each",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), paths.size(), rounds);
        } catch (IOException | RuntimeException e) {
            log.warn("Warm-up stopped, serving as warm as it got: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every read route and page, on the first category, board, topic and author the API lists. */
    private List<String> paths() throws IOException, InterruptedException {
        JsonNode categories = json("/api/categories?include=boards");
        String category = text(categories.path(0).path("id"), ANY_ID);
        String board = text(categories.path(0).path("boards").path(0).path("id"), ANY_ID);
        JsonNode topic = json("/api/boards/" + board + "/topics").path("topics").path(0);
        String topicId = text(topic.path("id"), ANY_ID);
        String did = text(topic.path("did"), ANY_DID);
        return List.of("/api/healthz", "/api/forum", "/api/categories", "/api/categories?include=boards",
                "/api/categories/" + category + "/boards", "/api/boards/" + board + "/topics",
                "/api/topics/" + topicId, "/api/users/" + did + "/posts", "/api/search?q=forum", "/api/no-such-route",
                "/", "/boards/" + board, "/topics/" + topicId, "/users/" + did, "/search", "/search?q=forum",
                "/static/atbb.css", "/no-such-page");
    }

    private JsonNode json(String path) throws IOException, InterruptedException {
        return JSON.readTree(get(path));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            log.warn("Warm-up: GET {} answered {}", path, response.statusCode());
        } else {
            log.debug("Warm-up: GET {} answered {}", path, response.statusCode());
        }
        return response.body();
    }

    private static String text(JsonNode node, String otherwise) {
        return node.isMissingNode() || node.isNull() ? otherwise : node.asText();
    }
}
