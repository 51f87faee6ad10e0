package space.atbb.appview.cli;

import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import space.atbb.appview.backfill.BackfillRunner;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlFile;
import space.atbb.appview.control.IndexerReplay;
import space.atbb.appview.forum.ReadDatabase;
import space.atbb.appview.leadership.Leadership;
import space.atbb.appview.metrics.ServerMetrics;
import space.atbb.appview.server.AppView;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;
import space.atbb.db.copy.DatabaseCopy;

/**
 * Runs the HTTP API until SIGTERM; then stops taking requests, lets those in flight finish,
 * and closes the pool.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the HTTP API (the default command).",
                "On SQLite it migrates the schema itself; on PostgreSQL it refuses a schema that is behind"
                        + " (run `appview migrate` first, or start with --migrate). It refuses a schema newer than"
                        + " this build.",
                "On PostgreSQL any number of serve processes share the database; one of them runs the live"
                        + " indexer, the others take over within LEADER_TAKEOVER when it is gone."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    private ConfigOptions options;

    @Option(names = "--migrate", description = "Applies pending schema steps before serving, on PostgreSQL too;"
            + " of several processes started at once, one migrates and the others wait for it.")
    private boolean migrate;

    @Override
    public Integer call() throws InterruptedException {
        AppViewConfig config = options.config();
        log.info("Starting atBB appview on {}", config.databaseUrl());
        log.debug("{}", config);
        Database db = open(config);
        CountDownLatch stopped = new CountDownLatch(1);
        ReadDatabase reads = null;
        try {
            refuseUnfinishedCopy(db, config);
            if (migrate) {
                db.prepareSchemaMigrating();
            } else {
                db.prepareSchema();
            }
            // The control file goes beside the file as the lock names it, where CLI commands look.
            Optional<Path> sqliteFile = db.sqliteFile();
            String secret = ControlFile.newSecret();
            reads = ReadDatabase.open(db, config.databaseReadUrl());
            ServerMetrics metrics = new ServerMetrics();
            AppView appView = new AppView(db, config, reads, metrics);
            BackfillRunner backfill = new BackfillRunner(db, config.forumDid(), metrics.indexerTotals());
            sqliteFile.ifPresent(file -> appView.withControl(secret,
                    new IndexerReplay(db, config.forumDid(), metrics.indexerTotals()), backfill));
            if (config.jetstreamUrl().isPresent() && config.forumDid().isEmpty()) {
                throw new IllegalArgumentException("JETSTREAM_URL is set but FORUM_DID is not: the indexer needs the"
                        + " forum's DID");
            }
            Leadership indexing = Leadership.start(db, config, backfill, metrics.indexerTotals());
            metrics.bindLeadership(() -> indexing.role().label());
            Javalin app = appView.withIndexer(indexing).create().start(config.port());
            sqliteFile.ifPresent(file -> ControlFile.forThisProcess(app.port(), secret).write(file));
            ReadDatabase openReads = reads;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(app, indexing, openReads, db, sqliteFile);
                stopped.countDown();
            }, "atbb-shutdown"));
            log.info("atBB appview listening on port {}; warming up before it reports ready", app.port());
            appView.warmUp(app, AppView.WARMUP_ROUNDS);
            log.info("atBB appview ready on port {}", app.port());
        } catch (RuntimeException e) {
            if (reads != null) {
                reads.close();
            }
            db.close();
            throw e;
        }
        stopped.await();
        return 0;
    }

    /** Until a copy into this database is verified, it may lack rows, indexes or foreign keys. */
    private static void refuseUnfinishedCopy(Database db, AppViewConfig config) {
        DatabaseCopy.unfinishedCopy(db).ifPresent(source -> {
            throw new DatabaseException(config.databaseUrl() + " holds an unfinished copy of " + source
                    + ": it is complete only once the copy is verified. Finish it with `appview db copy --from URL"
                    + " --to " + config.databaseUrl() + " --resume`, naming that source as --from.");
        });
    }

    private static Database open(AppViewConfig config) {
        try {
            return Databases.create(config.databaseUrl());
        } catch (DatabaseLockedException locked) {
            String holder = ControlFile.read(locked.file())
                    .map(c -> " It is served by another appview (pid " + c.pid() + ", port " + c.port() + ").")
                    .orElse("");
            throw new DatabaseException(Kind.LOCKED, locked.getMessage() + holder, locked);
        }
    }

    private static void stop(Javalin app, Leadership indexing, ReadDatabase reads, Database db,
                             Optional<Path> sqliteFile) {
        log.info("Stopping atBB appview: no new requests, finishing those in flight");
        app.stop();
        indexing.close();
        reads.close();
        sqliteFile.ifPresent(ControlFile::delete);
        db.close();
        log.info("atBB appview stopped");
    }
}
