package space.atbb.appview.control;

import java.nio.file.Path;
import java.util.Optional;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.db.Database;

/**
 * Replays events with the {@link Indexer}: for {@code appview index} on a database it opened, and
 * for a running server asked over its control endpoint.
 *
 * <pre>
 * new IndexerReplay(db, config.forumDid()).replay(Path.of("events.jsonl"), Optional.empty());
 * </pre>
 */
public final class IndexerReplay implements EventReplay {
    /** The DID whose records make up the sample forum shipped in the jar. */
    public static final String SAMPLE_FORUM_DID = "did:plc:atbb-sample-forum";

    private final Database db;
    private final Optional<String> configuredForumDid;
    private final IndexerCounters totals;

    /** @param configuredForumDid the forum replayed when a caller names none */
    public IndexerReplay(Database db, Optional<String> configuredForumDid) {
        this(db, configuredForumDid, null);
    }

    /** @param totals the process's indexer totals (a server's), which replays also count into, or null */
    public IndexerReplay(Database db, Optional<String> configuredForumDid, IndexerCounters totals) {
        this.db = db;
        this.configuredForumDid = configuredForumDid;
        this.totals = totals;
    }

    @Override
    public Result replay(Path file, Optional<String> forumDid) {
        String forum = forumDid.or(() -> configuredForumDid).orElseThrow(() -> new IllegalArgumentException(
                "indexing needs the forum's DID: set FORUM_DID or pass --forum-did"
                        + " (index --sample loads the bundled sample forum, " + SAMPLE_FORUM_DID + ")"));
        IndexerCounters counters = new Indexer(db, forum, IndexerOptions.DEFAULTS, totals).replay(new JsonlEventSource(file));
        return new Result(counters.applied(), counters.skipped(SkipReason.ALREADY_APPLIED), counters.refused());
    }
}
