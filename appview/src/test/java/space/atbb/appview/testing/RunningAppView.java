package space.atbb.appview.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.server.AppView;
import space.atbb.db.Database;

/** An AppView on an ephemeral port over a test's database, called through real HTTP. */
public final class RunningAppView implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AppView appView;
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningAppView(AppView appView, Javalin app) {
        this.appView = appView;
        this.app = app;
    }

    /** Started and ready, without warm-up requests: a test's requests are the only ones it sees. */
    public static RunningAppView start(Database db, String forumDid) {
        RunningAppView running = startCold(db, forumDid);
        running.appView.warmUp(running.app, 0);
        return running;
    }

    /** An AppView built by the test (with its own configuration, reads or metrics), started and ready. */
    public static RunningAppView start(AppView appView) {
        RunningAppView running = new RunningAppView(appView, appView.create().start(0));
        appView.warmUp(running.app, 0);
        return running;
    }

    /** Started, not yet warmed up: readiness answers 503 until {@link #warmUp()}. */
    public static RunningAppView startCold(Database db, String forumDid) {
        AppView appView = new AppView(db, AppViewConfig.builder().forumDid(forumDid).build());
        return new RunningAppView(appView, appView.create().start(0));
    }

    /** The warm-up {@code serve} runs before it reports ready. */
    public void warmUp() {
        appView.warmUp(app, AppView.WARMUP_ROUNDS);
    }

    /** A response: its status and JSON body. */
    public record Response(int status, JsonNode body) {
        /** Asserts the one error shape: {@code {title, status, details}}. */
        public void assertProblem(int expectedStatus, String titlePart) {
            assertThat(status).as(body.toString()).isEqualTo(expectedStatus);
            assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(body.path("title").asText()).contains(titlePart);
            assertThat(body.has("details")).isTrue();
        }
    }

    public Response get(String path) {
        return get(path, null);
    }

    /**
     * Follows a list's cursors from its first page to its last: the ids of each page's
     * {@code list} entries, page by page. {@code path} already has a query ({@code ?limit=3}).
     */
    public List<List<String>> idsOfEveryPage(String path, String list) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Response page = get(path + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).as(page.body().toString()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            page.body().path(list).forEach(entry -> ids.add(entry.path("id").asText()));
            pages.add(ids);
            cursor = page.body().path("cursor").isNull() ? null : page.body().path("cursor").asText();
        } while (cursor != null);
        return pages;
    }

    /** A response read as text: a web page, say. */
    public record Page(int status, String contentType, String contentSecurityPolicy, String body) {
    }

    public Page page(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url(path))));
        return new Page(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Security-Policy").orElse(null), response.body());
    }

    /** {@code http://127.0.0.1:PORT} and the path. */
    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public Response get(String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        HttpResponse<String> response = send(request);
        try {
            return new Response(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        app.stop();
    }
}
