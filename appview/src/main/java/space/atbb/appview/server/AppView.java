package space.atbb.appview.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import space.atbb.appview.forum.ReadDatabase;
import space.atbb.appview.forum.ReadDatabase.ReplicaState;
import space.atbb.appview.http.ApiErrors;
import space.atbb.appview.leadership.IndexerRole;
import space.atbb.appview.leadership.IndexerStatus;
import space.atbb.appview.leadership.Leadership;
import space.atbb.appview.metrics.ServerMetrics;
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
 * The public reads go through a {@link ReadDatabase} (a replica, when one is set); {@code /metrics}
 * serves the {@link ServerMetrics} unless {@code METRICS=off}.
 */
public final class AppView {
    /** Enough for the JIT to compile the pages' hot paths; more rounds add start time, not speed. */
    public static final int WARMUP_ROUNDS = 5;
    private final Database db;
    private final AppViewConfig config;
    private final ReadDatabase reads;
    private final ServerMetrics metrics;
    private final Sessions sessions;
    private final Readiness readiness;
    private ControlRoutes control;
    private Supplier<IndexerRole> indexerRole = () -> IndexerRole.OFF;

    /** Reads on {@code db} too, and metrics of its own. */
    public AppView(Database db, AppViewConfig config) {
        this(db, config, ReadDatabase.primaryOnly(db), new ServerMetrics());
    }

    /**
     * @param reads   where the public read API and the pages read (its primary is {@code db})
     * @param metrics what {@code /metrics} serves; the indexers of this process count into its totals
     */
    public AppView(Database db, AppViewConfig config, ReadDatabase reads, ServerMetrics metrics) {
        this.db = db;
        this.config = config;
        this.reads = reads;
        this.metrics = metrics;
        this.sessions = new Sessions(db, Clock.systemUTC());
        this.readiness = new Readiness(db);
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
        ForumQueries queries = new ForumQueries(reads);
        metrics.bindPool("primary", () -> Optional.of(db));
        if (reads.state() != ReplicaState.NONE) {
            metrics.bindPool("read", reads::replica);
        }
        metrics.bindBackfill(new ProgressStore(db));
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
            if (config.metrics()) {
                metrics.register(cfg);
            }
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
     * Opens each read route and page of {@code app}, started from {@link #create()}, {@code rounds}
     * times ({@link #WARMUP_ROUNDS} for {@code serve}; none where speed does not matter); then
     * readiness answers 200. Until then it answers 503 with {@code "status": "starting"}.
     */
    public void warmUp(Javalin app, int rounds) {
        Warmup.run(db, app.port(), rounds);
        readiness.warmedUp();
    }

    /**
     * Ready once warmed up ({@link #warmUp}), while a round trip to the database answers within
     * 800 ms. Also says how far the newest backfill got:
     * {@code "backfill": {"status": "running", "repositoriesDone": 120, "repositoriesTotal": 400}}
     * ({@code "none"} before the first). With a read replica, {@code "readReplica"} says whether
     * the public reads go to it: {@code "ok"}, or {@code "unreachable (reading from the primary)"}.
     */
    private void ready(Context ctx) {
        Optional<Readiness.NotReady> notReady = readiness.check();
        if (notReady.isPresent()) {
            ApiErrors.respond(ctx, 503, notReady.get().title(), notReady.get().details());
            return;
        }
        try {
            Map<String, Object> indexer;
            try (Connection c = db.connection()) {
                indexer = IndexerStatus.read(c, indexerRole.get(), Instant.now());
            }
            // One connection at a time: SQLite has one.
            Map<String, Object> backfill = new ProgressStore(db).latest()
                    .<Map<String, Object>>map(run -> Map.of("status", run.getStatus(),
                            "repositoriesDone", run.getDidsProcessed(), "repositoriesTotal", run.getDidsTotal()))
                    .orElse(Map.of("status", "none"));
            Map<String, Object> body = new LinkedHashMap<>(Map.of("status", "ok",
                    "database", db.dialect().name().toLowerCase(Locale.ROOT), "backfill", backfill, "indexer", indexer));
            switch (reads.check()) {
                case OK -> body.put("readReplica", "ok");
                case UNREACHABLE -> body.put("readReplica", "unreachable (reading from the primary)");
                case NONE -> { }
            }
            ctx.json(body);
        } catch (SQLException | RuntimeException e) {
            ApiErrors.respond(ctx, 503, "Database unreachable", Map.of("database", String.valueOf(e.getMessage())));
        }
    }
}
