package space.atbb.appview.indexer;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;

/** The indexer following Jetstream on a thread of its own, for as long as the server runs. */
public final class LiveIndexing implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveIndexing.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final JetstreamClient client;
    private final Thread thread;

    private LiveIndexing(JetstreamClient client, Thread thread) {
        this.client = client;
        this.thread = thread;
    }

    /** Connects to {@code jetstreamUrl} and indexes from the stored cursor on. */
    public static LiveIndexing start(Database db, String forumDid, String jetstreamUrl) {
        Indexer indexer = new Indexer(db, forumDid);
        JetstreamClient client = JetstreamClient.of(jetstreamUrl);
        Thread thread = new Thread(() -> {
            try {
                indexer.run(client);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // The server keeps serving what is indexed; the operator sees why the stream stopped.
                log.error("Live indexing stopped: {}", e.getMessage(), e);
            }
        }, "atbb-indexer");
        thread.start();
        return new LiveIndexing(client, thread);
    }

    /** Stops reading; returns once the batch in flight is committed (or after 30 s). */
    @Override
    public void close() {
        client.close();
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
