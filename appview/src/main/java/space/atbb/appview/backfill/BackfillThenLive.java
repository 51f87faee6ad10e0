package space.atbb.appview.backfill;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.sources.JetstreamClient;
import space.atbb.appview.indexer.sources.LiveIndexing;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.LeaderLock;
import space.atbb.db.LeadershipLostException;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;

/**
 * What {@code serve} indexes at start. With {@code FORUM_DID} set, when no backfill has ever
 * completed, or when the stored Jetstream cursor is older than {@code JETSTREAM_REPLAY_WINDOW}
 * (Jetstream no longer holds what was missed), a backfill runs in the background first. Live
 * indexing then starts from the moment the backfill started minus {@link #MARGIN}: Jetstream
 * replays what happened during the backfill, in order, after it, so a record updated or deleted
 * while it ran ends up as on the network (Jetstream is the buffer Tap keeps itself). Otherwise
 * live indexing starts at once from the stored cursor. It runs only while this process holds
 * {@code leadership} (see {@code indexer.sources.Leadership}): the stream's batches and the
 * cursor set here are fenced by it.
 *
 * <pre>
 * BackfillThenLive indexing = BackfillThenLive.start(db, config, new BackfillRunner(db, config.forumDid()), leadership);
 * ...
 * indexing.close();   // on shutdown
 * </pre>
 */
public final class BackfillThenLive implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackfillThenLive.class);
    /** How far before the backfill's start the stream resumes: events near it may arrive out of order. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    private final Database db;
    private final AppViewConfig config;
    private final BackfillRunner runner;
    private final IndexerCounters totals;
    private final LeaderLock leadership;
    private final Thread backfill;
    private LiveIndexing live;
    private boolean closed;

    private BackfillThenLive(Database db, AppViewConfig config, BackfillRunner runner, LeaderLock leadership,
            IndexerCounters totals) {
        this.db = db;
        this.config = config;
        this.runner = runner;
        this.leadership = leadership;
        this.totals = totals;
        this.backfill = new Thread(this::backfillThenLive, "atbb-backfill-start");
        this.backfill.setDaemon(true);
    }

    /** @param leadership held by this process (on SQLite, always) */
    public static BackfillThenLive start(Database db, AppViewConfig config, BackfillRunner runner,
                                         LeaderLock leadership) {
        return start(db, config, runner, leadership, null);
    }

    /**
     * @param leadership held by this process (on SQLite, always)
     * @param totals     the process's indexer totals, which live indexing also counts into, or null
     */
    public static BackfillThenLive start(Database db, AppViewConfig config, BackfillRunner runner,
                                         LeaderLock leadership, IndexerCounters totals) {
        BackfillThenLive indexing = new BackfillThenLive(db, config, runner, leadership, totals);
        Optional<String> reason = indexing.backfillNeeded();
        if (reason.isPresent()) {
            log.info("Backfilling forum {} before following Jetstream: {}", config.forumDid().orElseThrow(),
                    reason.get());
            indexing.backfill.start();
        } else {
            indexing.startLive();
        }
        return indexing;
    }

    /** Why a backfill must run first, if it must. */
    private Optional<String> backfillNeeded() {
        if (config.forumDid().isEmpty()) {
            return Optional.empty();
        }
        if (!new ProgressStore(db).anyCompleted()) {
            return Optional.of("no backfill has completed yet");
        }
        OptionalLong cursor = storedCursor();
        Instant oldest = Instant.now().minus(config.jetstreamReplayWindow());
        if (cursor.isPresent() && cursor.getAsLong() < micros(oldest)) {
            return Optional.of("the stored Jetstream cursor is older than JETSTREAM_REPLAY_WINDOW ("
                    + config.jetstreamReplayWindow() + ")");
        }
        return Optional.empty();
    }

    private void backfillThenLive() {
        Instant started = Instant.now();
        try {
            RepositoryBackfill.Result result = runner.run(BackfillOptions.of(config, List.of(), false),
                    ProgressBar.log());
            if (!"completed".equals(result.status())) {
                log.error("The start-up backfill failed ({}); live indexing starts anyway, and the next start"
                        + " backfills again", result.errorMessage());
            }
        } catch (RuntimeException e) {
            if (isClosed()) {
                return; // stopped by the shutdown: the next start resumes it
            }
            log.error("The start-up backfill stopped: {}. Live indexing starts anyway; the next start resumes it",
                    e.getMessage(), e);
        }
        if (config.jetstreamUrl().isPresent()) {
            try {
                resumeStreamAt(started.minus(MARGIN));
            } catch (LeadershipLostException e) {
                log.warn("Live indexing does not start: {}", e.getMessage());
                return;
            }
            startLive();
        }
    }

    /** The stream resumes at {@code from} unless its stored cursor is earlier and still within Jetstream's reach. */
    private void resumeStreamAt(Instant from) {
        OptionalLong cursor = storedCursor();
        long oldestReplayable = micros(Instant.now().minus(config.jetstreamReplayWindow()));
        if (cursor.isPresent() && cursor.getAsLong() >= oldestReplayable && cursor.getAsLong() <= micros(from)) {
            return;
        }
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
                leadership.fence(c);
                w.writeCursor(JetstreamClient.CURSOR_NAME, micros(from));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot set the Jetstream cursor in " + db.url() + ": " + e.getMessage(), e);
        }
    }

    private OptionalLong storedCursor() {
        try (Connection c = db.connection()) {
            return RecordWriter.readCursor(c, JetstreamClient.CURSOR_NAME);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the Jetstream cursor from " + db.url() + ": " + e.getMessage(), e);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private synchronized void startLive() {
        if (!closed && config.jetstreamUrl().isPresent()) {
            live = LiveIndexing.start(db, config.forumDid().orElseThrow(), config.jetstreamUrl().get(), leadership,
                    totals);
        }
    }

    /** Stops the start-up backfill (the next start resumes it) and live indexing. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        backfill.interrupt();
        try {
            backfill.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (live != null) {
                live.close();
            }
        }
    }
}
