package space.atbb.appview.indexer.sources;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.LeaderLock;
import space.atbb.db.LeadershipLostException;

/**
 * The indexer following Jetstream on a thread of its own, for as long as the server runs. When
 * the database fails (an outage, a full disk), the batch in flight is rolled back and indexing
 * waits ({@link Backoff#standard()}, reset once a batch commits again), then resumes from the
 * committed cursor on a new Jetstream connection.
 */
public final class LiveIndexing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveIndexing.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final Indexer indexer;
    private final Supplier<JetstreamClient> connections;
    private final Backoff retries;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread = new Thread(this::follow, "atbb-indexer");
    /** The connection being read; replaced after each database failure. */
    private JetstreamClient client;

    LiveIndexing(Indexer indexer, Supplier<JetstreamClient> connections, Backoff retries) {
        this.indexer = indexer;
        this.connections = connections;
        this.retries = retries;
        // The first connection here, on the caller's thread: a bad URL fails the start.
        this.client = connections.get();
    }

    /**
     * Connects to {@code jetstreamUrl} and indexes from the stored cursor on, as the holder of
     * {@code leadership}: it stops, committing nothing more, once another process leads.
     *
     * @param totals the process's indexer totals, which this indexer also counts into, or null
     */
    public static LiveIndexing start(Database db, String forumDid, String jetstreamUrl, LeaderLock leadership,
            IndexerCounters totals) {
        return new LiveIndexing(new Indexer(db, forumDid, IndexerOptions.DEFAULTS, totals, leadership),
                () -> JetstreamClient.of(jetstreamUrl), Backoff.standard()).start();
    }

    LiveIndexing start() {
        thread.start();
        return this;
    }

    private void follow() {
        JetstreamClient current = currentClient();
        while (current != null) {
            long progressBefore = progress();
            try {
                indexer.run(current);
                return; // closed: the server is stopping
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LeadershipLostException e) {
                log.warn("Live indexing stopped: {} The batch in flight was not committed.", e.getMessage());
                current.close();
                return;
            } catch (DatabaseException e) {
                current.close();
                if (stopping.getCount() == 0) {
                    log.error("Live indexing stopped: {}", e.getMessage());
                    return;
                }
                if (progress() > progressBefore) {
                    retries.reset();
                }
                Duration wait = retries.next();
                log.error("Live indexing paused: {} Retrying in {} ms; the server keeps serving what is indexed.",
                        e.getMessage(), wait.toMillis());
                log.debug("The database failure", e);
                if (awaitStop(wait)) {
                    return;
                }
                current = nextClient();
            } catch (RuntimeException e) {
                // Not the database: a retry would fail the same way. The operator sees why it stopped.
                log.error("Live indexing stopped: {}", e.getMessage(), e);
                current.close();
                return;
            }
        }
    }

    /** Events committed so far, skipped ones included: grows only when a batch commits. */
    private long progress() {
        return indexer.counters().applied() + indexer.counters().skippedTotal();
    }

    private boolean awaitStop(Duration wait) {
        try {
            return stopping.await(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private synchronized JetstreamClient currentClient() {
        return client;
    }

    /** A new connection, or null once stopping. */
    private synchronized JetstreamClient nextClient() {
        client = stopping.getCount() == 0 ? null : connections.get();
        return client;
    }

    /** Stops reading; returns once the batch in flight is committed (or after 30 s). */
    @Override
    public void close() {
        stopping.countDown();
        synchronized (this) {
            if (client != null) {
                client.close();
            }
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            log.warn("The indexer did not finish its batch within {}; its transaction rolls back with the pool",
                    STOP_WAIT);
        }
    }
}
