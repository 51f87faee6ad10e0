package space.atbb.appview.control;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import space.atbb.appview.auth.Sessions;
import space.atbb.appview.http.Params;
import space.atbb.db.Database;
import space.atbb.db.copy.DatabaseBackup;
import space.atbb.db.copy.DatabaseCheck;

/**
 * What CLI commands ask of the server that holds their SQLite file: create and revoke sessions,
 * replay an events file, backfill, back the database up, check it. Only from 127.0.0.1 and only
 * with the secret of the {@link ControlFile}.
 */
public final class ControlRoutes {
    private final String secret;
    private final Sessions sessions;
    private final EventReplay replay;
    private final RepositoryBackfill backfill;
    private final Database db;

    /** @param secret what callers must send, as written to the {@link ControlFile} */
    public ControlRoutes(String secret, Sessions sessions, EventReplay replay, RepositoryBackfill backfill,
                         Database db) {
        this.secret = secret;
        this.sessions = sessions;
        this.replay = replay;
        this.backfill = backfill;
        this.db = db;
    }

    public void register(RoutesConfig routes) {
        routes.before(ControlApi.ALL, this::authorize);
        routes.post(ControlApi.SESSIONS, ctx -> {
            ControlApi.CreateSession body = body(ctx, ControlApi.CreateSession.class);
            Duration ttl = parseTtl(body.ttl());
            Sessions.IssuedToken issued = badInputAs400(() -> sessions.create(body.did(), ttl));
            ctx.status(HttpStatus.CREATED).json(new ControlApi.SessionCreated(issued.token(), issued.did(),
                    issued.expiresAt().toString()));
        });
        routes.post(ControlApi.REVOKE_SESSIONS, ctx -> {
            ControlApi.RevokeSessions body = body(ctx, ControlApi.RevokeSessions.class);
            long revoked = badInputAs400(() -> body.token() != null
                    ? (sessions.revokeToken(body.token()) ? 1 : 0) : sessions.revokeDid(body.did()));
            ctx.json(new ControlApi.Revoked(revoked));
        });
        routes.post(ControlApi.INDEX, ctx -> {
            ControlApi.Replay body = body(ctx, ControlApi.Replay.class);
            if (body.file() == null) {
                throw new BadRequestResponse("Missing file", Map.of("file", "the absolute path of a JSONL file"));
            }
            ctx.json(badInputAs400(() -> replay.replay(Path.of(body.file()), Optional.ofNullable(body.forumDid()))));
        });
        // The server holds the file's one connection: the backup and the check run on it, while it serves.
        routes.post(ControlApi.BACKUP, ctx -> {
            ControlApi.BackupRequest body = body(ctx, ControlApi.BackupRequest.class);
            if (body.file() == null || !Path.of(body.file()).isAbsolute()) {
                throw new BadRequestResponse("Missing file", Map.of("file", "the absolute path of a new backup file"));
            }
            DatabaseBackup.Backup backup = badInputAs400(() -> DatabaseBackup.sqlite(db, Path.of(body.file())));
            ctx.json(new ControlApi.BackupDone(backup.file().toString(), backup.bytes(), backup.elapsed().toMillis()));
        });
        routes.post(ControlApi.CHECK, ctx -> {
            DatabaseCheck.Report report = DatabaseCheck.run(db);
            ctx.json(new ControlApi.CheckDone(report.schemaVersion(), report.problems()));
        });
        routes.post(ControlApi.BACKFILL, ctx -> {
            ControlApi.Backfill body = body(ctx, ControlApi.Backfill.class);
            if (body.plcUrl() == null || body.relayUrl() == null) {
                throw new BadRequestResponse("Missing URL", Map.of("plcUrl, relayUrl", "the directory and relay to read"));
            }
            ctx.json(badInputAs400(() -> backfill.backfill(new RepositoryBackfill.Request(
                    Optional.ofNullable(body.forumDid()), URI.create(body.plcUrl()), URI.create(body.relayUrl()),
                    body.dids() == null ? List.of() : body.dids(), body.retryErrors()))));
        });
    }

    private void authorize(Context ctx) throws UnknownHostException {
        if (!InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress()) {
            throw new ForbiddenResponse("Control endpoints answer on 127.0.0.1 only");
        }
        String given = ctx.header(ControlFile.SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedResponse("Control secret missing or wrong",
                    Map.of(ControlFile.SECRET_HEADER, "send the secret of the server's .control file"));
        }
    }

    private static <T> T body(Context ctx, Class<T> type) {
        try {
            return ctx.bodyAsClass(type);
        } catch (RuntimeException e) {
            throw new BadRequestResponse("Malformed JSON body", Map.of("body", Params.abbreviate(String.valueOf(e.getMessage()))));
        }
    }

    private static Duration parseTtl(String ttl) {
        try {
            return Duration.parse(ttl);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BadRequestResponse("Invalid ttl", Map.of("ttl", "an ISO-8601 duration such as P30D"));
        }
    }

    private static <T> T badInputAs400(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse("Invalid request", Map.of("reason", e.getMessage()));
        }
    }
}
