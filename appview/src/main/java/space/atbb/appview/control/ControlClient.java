package space.atbb.appview.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import space.atbb.appview.auth.Sessions.IssuedToken;
import space.atbb.appview.http.ApiErrors.Problem;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.copy.DatabaseBackup;
import space.atbb.db.copy.DatabaseCheck;

/**
 * Runs a command through the appview that holds the SQLite file, over its control endpoint:
 * one handle per file, and the operator need not stop the server.
 *
 * <pre>
 * try (Database db = Databases.create(url)) { ... }
 * catch (DatabaseLockedException locked) { ControlClient.reach(locked).createSession(did, ttl); }
 * </pre>
 */
public final class ControlClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final DatabaseLockedException locked;
    private final ControlFile control;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private ControlClient(DatabaseLockedException locked, ControlFile control) {
        this.locked = locked;
        this.control = control;
    }

    /**
     * The server that holds the locked file, found by the {@link ControlFile} beside it.
     *
     * @throws DatabaseException when no appview announced a control endpoint for the file
     */
    public static ControlClient reach(DatabaseLockedException locked) {
        return ControlFile.read(locked.file()).map(control -> new ControlClient(locked, control))
                .orElseThrow(() -> new DatabaseException(Kind.LOCKED, locked.getMessage() + " That process announced"
                        + " no control endpoint (no " + ControlFile.pathFor(locked.file()) + "), so it is not a running"
                        + " `appview serve` this command could go through.", locked));
    }

    public IssuedToken createSession(String did, Duration ttl) {
        ControlApi.SessionCreated created = post(ControlApi.SESSIONS, new ControlApi.CreateSession(did, ttl.toString()),
                ControlApi.SessionCreated.class);
        return new IssuedToken(created.token(), created.did(), Instant.parse(created.expiresAt()));
    }

    /** Revokes the session of {@code token}, or when it is null every session of {@code did}. */
    public long revoke(String did, String token) {
        ControlApi.RevokeSessions body = token != null
                ? new ControlApi.RevokeSessions(null, token) : new ControlApi.RevokeSessions(did, null);
        return post(ControlApi.REVOKE_SESSIONS, body, ControlApi.Revoked.class).revoked();
    }

    /** The caller's forum DID goes along: a server started without FORUM_DID still replays for it. */
    public EventReplay.Result replay(Path file, Optional<String> forumDid) {
        return post(ControlApi.INDEX, new ControlApi.Replay(file.toAbsolutePath().toString(), forumDid.orElse(null)),
                EventReplay.Result.class);
    }

    /** A backup the server takes on the connection it holds, so it keeps serving. */
    public DatabaseBackup.Backup backup(Path file) {
        ControlApi.BackupDone done = post(ControlApi.BACKUP,
                new ControlApi.BackupRequest(file.toAbsolutePath().normalize().toString()), ControlApi.BackupDone.class);
        return new DatabaseBackup.Backup(Path.of(done.file()), done.bytes(), Duration.ofMillis(done.elapsedMillis()));
    }

    public DatabaseCheck.Report check() {
        ControlApi.CheckDone done = post(ControlApi.CHECK, new ControlApi.CheckRequest(), ControlApi.CheckDone.class);
        return new DatabaseCheck.Report(done.schemaVersion(), done.problems());
    }

    /** Runs the backfill inside the server, waiting for its end. */
    public RepositoryBackfill.Result backfill(RepositoryBackfill.Request request) {
        return post(ControlApi.BACKFILL, new ControlApi.Backfill(request.forumDid().orElse(null),
                request.plcUrl().toString(), request.relayUrl().toString(), request.dids(), request.retryErrors()),
                RepositoryBackfill.Result.class);
    }

    private String describe() {
        return "the running appview (pid " + control.pid() + ", port " + control.port() + ")";
    }

    private <T> T post(String path, Object body, Class<T> answer) {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + path))
                    .timeout(Duration.ofHours(12))
                    .header("Content-Type", "application/json")
                    .header(ControlFile.SECRET_HEADER, control.secret())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DatabaseException(Kind.LOCKED, locked.getMessage() + " The appview that announced itself in "
                    + ControlFile.pathFor(locked.file()) + " (pid " + control.pid() + ") does not answer on 127.0.0.1:"
                    + control.port() + " (" + e + "); the lock holder is another process.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("Interrupted while waiting for " + describe(), e);
        }
        if (response.statusCode() / 100 != 2) {
            Problem problem = parse(response.body(), Problem.class);
            throw new DatabaseException(describe() + " refused the request: " + problem.title() + " " + problem.details());
        }
        return parse(response.body(), answer);
    }

    private <T> T parse(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new DatabaseException(describe() + " answered with something other than the expected JSON: " + body, e);
        }
    }
}
