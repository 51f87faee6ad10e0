package space.atbb.appview.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.auth.Sessions.IssuedToken;
import space.atbb.appview.server.ControlFile;
import space.atbb.appview.server.EventReplay;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.copy.DatabaseBackup;
import space.atbb.db.copy.DatabaseCheck;

/**
 * Runs a command through the appview that holds the SQLite file, over its control endpoint:
 * one handle per file, and the operator need not stop the server.
 */
final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DatabaseLockedException locked;
    private final ControlFile control;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private ControlClient(DatabaseLockedException locked, ControlFile control) {
        this.locked = locked;
        this.control = control;
    }

    /** @throws DatabaseException when no appview announced a control endpoint for the file */
    static ControlClient reach(DatabaseLockedException locked) {
        return ControlFile.read(locked.file()).map(control -> new ControlClient(locked, control))
                .orElseThrow(() -> new DatabaseException(locked.getMessage() + " That process announced no control"
                        + " endpoint (no " + ControlFile.pathFor(locked.file()) + "), so it is not a running"
                        + " `appview serve` this command could go through.", locked));
    }

    IssuedToken createSession(String did, Duration ttl) {
        JsonNode body = post("/api/control/sessions", Map.of("did", did, "ttl", ttl.toString()));
        return new IssuedToken(body.path("token").asText(), body.path("did").asText(),
                Instant.parse(body.path("expiresAt").asText()));
    }

    long revoke(String did, String token) {
        return post("/api/control/sessions/revoke", token != null ? Map.of("token", token) : Map.of("did", did))
                .path("revoked").asLong();
    }

    /** The caller's forum DID goes along: a server started without FORUM_DID still replays for it. */
    EventReplay.Result replay(Path file, Optional<String> forumDid) {
        Map<String, String> body = new HashMap<>(Map.of("file", file.toAbsolutePath().toString()));
        forumDid.ifPresent(did -> body.put("forumDid", did));
        JsonNode result = post("/api/control/index", body);
        return new EventReplay.Result(result.path("applied").asLong(), result.path("alreadyApplied").asLong(),
                result.path("refused").asLong());
    }

    /** A backup taken by the server on the connection it holds, so it keeps serving. */
    DatabaseBackup.Backup backup(Path file) {
        JsonNode result = post("/api/control/backup", Map.of("file", file.toAbsolutePath().normalize().toString()));
        return new DatabaseBackup.Backup(Path.of(result.path("file").asText()), result.path("bytes").asLong(),
                Duration.ofMillis(result.path("elapsedMillis").asLong()));
    }

    DatabaseCheck.Report check() {
        JsonNode result = post("/api/control/check", Map.of());
        List<String> problems = new ArrayList<>();
        result.path("problems").forEach(problem -> problems.add(problem.asText()));
        return new DatabaseCheck.Report(result.path("schemaVersion").asText(), problems);
    }

    String describe() {
        return "the running appview (pid " + control.pid() + ", port " + control.port() + ")";
    }

    private JsonNode post(String path, Map<String, String> body) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                    .timeout(Duration.ofMinutes(10))
                    .header("Content-Type", "application/json")
                    .header(ControlFile.SECRET_HEADER, control.secret())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DatabaseException(locked.getMessage() + " The appview that announced itself in "
                    + ControlFile.pathFor(locked.file()) + " (pid " + control.pid() + ") does not answer on 127.0.0.1:"
                    + control.port() + " (" + e + "); the lock holder is another process.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for " + describe(), e);
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new DatabaseException(describe() + " refused the request: " + json.path("title").asText(response.body())
                    + " " + json.path("details"));
        }
        return json;
    }

    private JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new DatabaseException(describe() + " answered with something other than JSON: " + body, e);
        }
    }
}
