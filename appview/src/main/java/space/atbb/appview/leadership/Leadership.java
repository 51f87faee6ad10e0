package space.atbb.appview.leadership;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.backfill.BackfillRunner;
import space.atbb.appview.backfill.BackfillThenLive;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.LeaderLock;

/**
 * One indexer among every {@code serve} on a database. The process holding the leader lock
 * ({@link Database#leaderLock}) runs {@link BackfillThenLive}; the others stand by and try for
 * the lock every tenth of {@code LEADER_TAKEOVER}. A leader that finds its lock gone stops
 * indexing and stands by; its batches are fenced by the lock, so none commits after another
 * process leads, and the new leader resumes from the committed cursor. On SQLite the process is
 * always the leader.
 *
 * <pre>
 * Leadership leadership = Leadership.start(db, config, backfill, metrics.indexerTotals());
 * leadership.role();   // IndexerRole.LEADER or STANDBY (OFF without JETSTREAM_URL): e.g. for a gauge
 * leadership.close();  // on shutdown: stops indexing, then frees the lock
 * </pre>
 */
public final class Leadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    /** The lock's name: one indexer per database. */
    public static final String JOB = "indexer";

    private final Database db;
    private final AppViewConfig config;
    private final BackfillRunner runner;
    private final IndexerCounters totals;
    private final LeaderLock lock;
    private final Duration poll;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread = new Thread(this::standBy, "atbb-leadership");
    /** The indexing this process runs while it leads; null while it stands by. */
    private BackfillThenLive indexing;
    private volatile boolean leading;
    private String lastFailure;

    private Leadership(Database db, AppViewConfig config, BackfillRunner runner, IndexerCounters totals) {
        this.db = db;
        this.config = config;
        this.runner = runner;
        this.totals = totals;
        this.lock = db.leaderLock(JOB, config.leaderTakeover());
        this.poll = config.leaderTakeover().dividedBy(10);
        this.thread.setDaemon(true);
    }

    /**
     * Tries for the lock once on the caller's thread (on SQLite it always succeeds, so indexing
     * starts as the server does), then keeps trying, or watching the lock, on a thread of its own.
     * Without {@code FORUM_DID} there is nothing to index, and nothing is tried.
     *
     * @param totals the process's indexer totals, which live indexing also counts into, or null
     */
    public static Leadership start(Database db, AppViewConfig config, BackfillRunner runner, IndexerCounters totals) {
        Leadership leadership = new Leadership(db, config, runner, totals);
        if (config.forumDid().isPresent()) {
            leadership.step();
            leadership.thread.start();
        }
        return leadership;
    }

    /** {@code leader} or {@code standby}; {@code off} when no stream is configured (a start-up backfill may still lead). */
    public IndexerRole role() {
        if (config.jetstreamUrl().isEmpty()) {
            return IndexerRole.OFF;
        }
        return leading ? IndexerRole.LEADER : IndexerRole.STANDBY;
    }

    private void standBy() {
        try {
            while (!stopping.await(poll.toNanos(), TimeUnit.NANOSECONDS)) {
                try {
                    step();
                } catch (RuntimeException e) {
                    log.error("The indexer's leadership step failed: {}. Trying again in {} ms.", e.getMessage(),
                            poll.toMillis(), e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void step() {
        if (stopping.getCount() == 0) {
            return;
        }
        if (indexing != null) {
            if (!lock.isHeld()) {
                log.warn("This process lost the indexer's leader lock on {}: indexing stops, and it stands by",
                        db.url());
                stopIndexing();
            }
            return;
        }
        try {
            if (lock.tryAcquire()) {
                log.info("This process leads the indexer on {} (term {}): indexing from the committed cursor",
                        db.url(), lock.term());
                leading = true;
                try {
                    indexing = BackfillThenLive.start(db, config, runner, lock, totals);
                } catch (RuntimeException e) {
                    leading = false;
                    lock.close(); // another process may lead instead
                    throw e;
                }
            }
            lastFailure = null;
        } catch (DatabaseException e) {
            // Once per distinct failure: a database that stays down must not fill the log.
            if (!e.getMessage().equals(lastFailure)) {
                log.warn("Cannot try for the indexer's leader lock: {} Trying again every {} ms.", e.getMessage(),
                        poll.toMillis());
            }
            lastFailure = e.getMessage();
        }
    }

    private void stopIndexing() {
        leading = false;
        indexing.close();
        indexing = null;
    }

    /** Stops indexing (the batch in flight commits) and frees the lock for a standby. */
    @Override
    public void close() {
        stopping.countDown();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (indexing != null) {
                stopIndexing();
            }
        }
        lock.close();
    }
}
