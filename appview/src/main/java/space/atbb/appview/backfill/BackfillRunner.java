package space.atbb.appview.backfill;

import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.db.Database;
import space.atbb.db.ExclusiveLock;

/**
 * Runs backfills on one database, one at a time (the command's, the server's start-up one and
 * those asked over the control endpoint share the progress rows).
 *
 * <pre>
 * RepositoryBackfill.Result result = new BackfillRunner(db, config.forumDid())
 *         .run(BackfillOptions.of(config, List.of(), false), ProgressBar.log());
 * </pre>
 */
public final class BackfillRunner implements RepositoryBackfill {
    private static final Logger log = LoggerFactory.getLogger(BackfillRunner.class);
    private final Database db;
    private final Optional<String> configuredForumDid;
    private final IndexerCounters totals;

    /** @param configuredForumDid the forum backfilled when a request names none */
    public BackfillRunner(Database db, Optional<String> configuredForumDid) {
        this(db, configuredForumDid, null);
    }

    /** @param totals the process's indexer totals, which the backfill's records also count into, or null */
    public BackfillRunner(Database db, Optional<String> configuredForumDid, IndexerCounters totals) {
        this.db = db;
        this.configuredForumDid = configuredForumDid;
        this.totals = totals;
    }

    /** Over the control endpoint: progress goes to the server's log. */
    @Override
    public Result backfill(Request request) {
        BackfillOptions options = BackfillOptions.of(request.forumDid().or(() -> configuredForumDid),
                request.plcUrl(), request.relayUrl(), request.dids(), request.retryErrors());
        return run(options, ProgressBar.log());
    }

    /**
     * One backfill at a time within this process (synchronized) and across the processes on the
     * database (on PostgreSQL, a command beside running servers): a second waits for the first.
     */
    public synchronized Result run(BackfillOptions options, Consumer<Backfill.Snapshot> progress) {
        try (ExclusiveLock ignored = db.lockExclusively("backfill",
                () -> log.info("Another process is backfilling {}: waiting for it to finish", db.url()))) {
            return new Backfill(db, options, totals).run(progress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The backfill was interrupted; the next one resumes where it stopped", e);
        }
    }
}
