package space.atbb.appview.backfill;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import space.atbb.appview.indexer.sources.Backoff;

/**
 * GETs of JSON over one shared {@link HttpClient}, retried with exponential backoff on timeouts,
 * connection failures, 429 (waiting as its {@code Retry-After} asks) and 5xx. Any other 4xx, a
 * body that is not a JSON object, or the last failed attempt is a {@link RepositoryUnavailable}.
 */
final class Xrpc {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final Duration requestTimeout;
    private final int attempts;

    Xrpc(HttpClient http, Duration requestTimeout, int attempts) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.attempts = attempts;
    }

    /** {@code base + path + ?query}, the query's values URL-encoded; null values are left out. */
    static URI uri(URI base, String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        query.forEach((name, value) -> {
            if (value != null) {
                q.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return URI.create(base.toString().replaceAll("/+$", "") + path + q);
    }

    JsonNode get(URI uri) throws RepositoryUnavailable, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "application/json")
                .GET().build();
        Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_WAIT);
        for (int attempt = 1; ; attempt++) {
            String failure;
            Duration wait = backoff.next();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status / 100 == 2) {
                    return object(uri, response.body());
                }
                failure = "HTTP " + status + " from " + uri;
                if (status == 429) {
                    wait = response.headers().firstValue("Retry-After").flatMap(Xrpc::seconds).orElse(wait);
                } else if (status < 500) {
                    throw new RepositoryUnavailable(failure + ": " + clip(response.body()));
                }
            } catch (HttpTimeoutException e) {
                failure = "no answer within " + requestTimeout.toMillis() + " ms from " + uri;
            } catch (IOException e) {
                failure = "cannot reach " + uri + " (" + e + ")";
            }
            if (attempt >= attempts) {
                throw new RepositoryUnavailable(failure + (attempts > 1 ? ", after " + attempts + " attempts" : ""));
            }
            Thread.sleep(Math.min(wait.toMillis(), MAX_WAIT.toMillis()));
        }
    }

    private static JsonNode object(URI uri, String body) throws RepositoryUnavailable {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && tree.isObject()) {
                return tree;
            }
        } catch (JacksonException e) {
            // The same message as a JSON value that is not an object.
        }
        throw new RepositoryUnavailable("not a JSON object from " + uri + ": " + clip(body));
    }

    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty(); // An HTTP date: the standard backoff instead.
        }
    }

    static String clip(String text) {
        String oneLine = String.valueOf(text).replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
