package space.atbb.appview.control;

import java.util.List;

/**
 * The control endpoint's paths and JSON bodies, bound by Jackson on both sides:
 * {@link ControlRoutes} answers them, {@link ControlClient} sends them. Errors come back as the
 * API's one error shape, {@code ApiErrors.Problem}.
 */
final class ControlApi {
    static final String ALL = "/api/control/*";
    /** {@link CreateSession} → 201 {@link SessionCreated}. */
    static final String SESSIONS = "/api/control/sessions";
    /** {@link RevokeSessions} → {@link Revoked}. */
    static final String REVOKE_SESSIONS = "/api/control/sessions/revoke";
    /** {@link Replay} → {@link EventReplay.Result}. */
    static final String INDEX = "/api/control/index";
    /** {@link BackupRequest} → {@link BackupDone}: the server backs up the file it holds, serving on. */
    static final String BACKUP = "/api/control/backup";
    /** {@link CheckRequest} → {@link CheckDone}: {@code DatabaseCheck} on the server's own handle. */
    static final String CHECK = "/api/control/check";
    /** {@link Backfill} → {@link RepositoryBackfill.Result}. */
    static final String BACKFILL = "/api/control/backfill";

    private ControlApi() {
    }

    /** @param ttl an ISO-8601 duration such as P30D */
    record CreateSession(String did, String ttl) {
    }

    /** @param expiresAt an ISO-8601 instant */
    record SessionCreated(String token, String did, String expiresAt) {
    }

    /** One of the two: the session of {@code token}, or every session of {@code did}. */
    record RevokeSessions(String did, String token) {
    }

    record Revoked(long revoked) {
    }

    /**
     * @param file     the absolute path of a JSONL file, read by the server
     * @param forumDid the forum the caller names; null leaves it to the server's configuration
     */
    record Replay(String file, String forumDid) {
    }

    /** @param file the absolute path of a backup file that does not exist yet */
    record BackupRequest(String file) {
    }

    record BackupDone(String file, long bytes, long elapsedMillis) {
    }

    record CheckRequest() {
    }

    record CheckDone(String schemaVersion, List<String> problems) {
    }

    /** {@link RepositoryBackfill.Request} as JSON: URLs as strings, the forum DID null when not given. */
    record Backfill(String forumDid, String plcUrl, String relayUrl, List<String> dids, boolean retryErrors) {
    }
}
