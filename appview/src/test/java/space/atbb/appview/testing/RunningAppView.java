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
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.server.AppView;
import space.atbb.db.Database;

/** An AppView on an ephemeral port over a test's database, called through real HTTP. */
public final class RunningAppView implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    private RunningAppView(Javalin app) {
        this.app = app;
    }

    public static RunningAppView start(Database db, String forumDid) {
        AppViewConfig config = AppViewConfig.builder().forumDid(forumDid).build();
        return new RunningAppView(new AppView(db, config).create().start(0));
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

    public Response get(String path, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), JSON.readTree(response.body()));
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
