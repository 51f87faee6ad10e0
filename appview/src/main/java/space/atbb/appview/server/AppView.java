package space.atbb.appview.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import space.atbb.appview.admin.AdminRoutes;
import space.atbb.appview.auth.BearerAuth;
import space.atbb.appview.auth.PermissionCheck;
import space.atbb.appview.auth.Sessions;
import space.atbb.appview.backfill.ProgressStore;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlFile;
import space.atbb.appview.control.ControlRoutes;
import space.atbb.appview.control.EventReplay;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.forum.ForumQueries;
import space.atbb.appview.forum.ForumRoutes;
import space.atbb.appview.http.ApiErrors;
import space.atbb.appview.leadership.IndexerRole;
import space.atbb.appview.leadership.IndexerStatus;
import space.atbb.appview.leadership.Leadership;
import space.atbb.appview.web.WebPages;
import space.atbb.db.Database;
import space.atbb.db.permissions.Permissions;

/**
 * The HTTP API and the forum's web pages on one database, as an unstarted Javalin app: no static state, so tests start
 * as many as they like on port 0.
 *
 * <pre>
 * Javalin app = new AppView(db, config).create().start(0);
 * </pre>
 *
 * {@link #withControl} adds the local endpoints CLI commands use while this server holds a SQLite file.
 */
public final class AppView {
    private final Database db;
    private final AppViewConfig config;
    private final Sessions sessions;
    private ControlRoutes control;
    private Supplier<IndexerRole> indexerRole = () -> IndexerRole.OFF;

    public AppView(Database db, AppViewConfig config) {
        this.db = db;
        this.config = config;
        this.sessions = new Sessions(db, Clock.systemUTC());
    }

    /** Serves {@code /api/control/*} to 127.0.0.1 callers that send this secret (see {@link ControlFile}). */
    public AppView withControl(String secret, EventReplay replay, RepositoryBackfill backfill) {
        this.control = new ControlRoutes(secret, sessions, replay, backfill, db);
        return this;
    }

    /** The indexer's role that {@code /api/healthz/ready} reports; {@code off} unless set. */
    public AppView withIndexer(Leadership leadership) {
        this.indexerRole = leadership::role;
        return this;
    }

    public Javalin create() {
        Permissions permissions = new Permissions(db);
        ForumQueries queries = new ForumQueries(db);
        ForumRoutes forum = new ForumRoutes(queries, config.forumDid());
        WebPages pages = new WebPages(queries, config.forumDid());
        AdminRoutes admin = new AdminRoutes(db, permissions, new BearerAuth(sessions), config.forumDid());
        PermissionCheck permissionCheck = new PermissionCheck(permissions, config.forumDid());
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.defaultContentType = "application/json";
            // Let requests in flight finish when stopping, for at most this long.
            cfg.jetty.modifyServer(server -> server.setStopTimeout(5_000));
            ApiErrors.register(cfg, pages::error);
            permissionCheck.register(cfg.routes);
            cfg.routes.get("/api/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.get("/api/healthz/ready", this::ready);
            forum.register(cfg.routes);
            admin.register(cfg.routes);
            pages.register(cfg);
            if (control != null) {
                control.register(cfg.routes);
            }
        });
    }

    /**
     * Ready when a round trip to the database succeeds. Also says how far the newest backfill got:
     * {@code "backfill": {"status": "running", "repositoriesDone": 120, "repositoriesTotal": 400}}
     * ({@code "none"} before the first).
     */
    private void ready(Context ctx) {
        try {
            Map<String, Object> indexer;
            try (Connection c = db.connection(); var statement = c.createStatement()) {
                statement.execute("SELECT 1");
                indexer = IndexerStatus.read(c, indexerRole.get(), Instant.now());
            }
            // After the round trip's connection is back: SQLite has one.
            Map<String, Object> backfill = new ProgressStore(db).latest()
                    .<Map<String, Object>>map(run -> Map.of("status", run.getStatus(),
                            "repositoriesDone", run.getDidsProcessed(), "repositoriesTotal", run.getDidsTotal()))
                    .orElse(Map.of("status", "none"));
            ctx.json(Map.of("status", "ok", "database", db.dialect().name().toLowerCase(Locale.ROOT),
                    "backfill", backfill, "indexer", indexer));
        } catch (SQLException | RuntimeException e) {
            ApiErrors.respond(ctx, 503, "Database unreachable", Map.of("database", String.valueOf(e.getMessage())));
        }
    }
}
