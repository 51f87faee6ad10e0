package space.atbb.appview.indexer;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.EventKey;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.appview.indexer.handlers.Handlers;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.LeaderLock;
import space.atbb.db.LeadershipLostException;
import space.atbb.db.records.RecordWriter;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Did;

/**
 * Applies atBB records from Jetstream events to the database (the contract: docs/indexer.md).
 *
 * <pre>
 * Indexer indexer = new Indexer(db, "did:plc:myforum");
 * indexer.replay(new JsonlEventSource(Path.of("forum.jsonl")));   // to its end, then closed
 * log.info("{}", indexer.counters());
 * </pre>
 *
 * Events are applied in batches; each batch is one transaction that also writes the cursor (the
 * batch's last time_us) to firehose_cursor, so after a crash at any instant a restart resumes
 * exactly after the last committed event. Applying an event is an upsert by (did, rkey), so
 * applying one twice changes nothing. A bad event is skipped, counted and logged in one line; the
 * good events of its batch are kept. Only a database that fails as a whole stops the indexer.
 *
 * <p>Not thread-safe: one indexer, on one thread, per database.
 */
public final class Indexer {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final int MAX_LOGGED_DETAIL = 200;
    /** Names the records of {@link #applyRecords} in messages; no cursor of that name is written. */
    private static final String BACKFILL = "backfill";

    private final Database database;
    private final String forumDid;
    private final AtUri forum;
    private final IndexerOptions options;
    private final EventParser parser = new EventParser();
    private final Map<String, RecordHandler> handlers = new HashMap<>();
    private final IndexerCounters counters;
    /** Checked in each batch's transaction; null when this indexer needs no leadership (a replay, a command). */
    private final LeaderLock leadership;

    public Indexer(Database database, String forumDid) {
        this(database, forumDid, IndexerOptions.DEFAULTS);
    }

    public Indexer(Database database, String forumDid, IndexerOptions options) {
        this(database, forumDid, options, null);
    }

    /**
     * @param forumDid the DID whose records alone define the forum's structure, roles and moderation
     * @param totals   a process's totals, which this indexer's counters also add into (the server's
     *                 metrics), or null
     */
    public Indexer(Database database, String forumDid, IndexerOptions options, IndexerCounters totals) {
        this(database, forumDid, options, totals, null);
    }

    /**
     * An indexer that writes as the leader: each batch's transaction first checks
     * {@link LeaderLock#fence} and commits nothing once this process no longer leads
     * ({@link LeadershipLostException} out of {@link #run}).
     */
    public Indexer(Database database, String forumDid, IndexerOptions options, IndexerCounters totals,
            LeaderLock leadership) {
        this.counters = new IndexerCounters(totals);
        if (!Did.isValid(forumDid)) {
            throw new IllegalArgumentException("The forum DID must look like did:plc:abc123, was " + forumDid);
        }
        this.database = database;
        this.forumDid = forumDid;
        this.options = options;
        this.leadership = leadership;
        this.forum = AtUri.forum(forumDid);
        for (RecordHandler handler : Handlers.all()) {
            handlers.put(handler.collection(), handler);
        }
    }

    public IndexerCounters counters() {
        return counters;
    }

    /** The last time_us applied from the stream of that name, if any. */
    public OptionalLong cursor(String cursorName) {
        try (Connection c = database.connection()) {
            return RecordWriter.readCursor(c, cursorName);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the indexer cursor '" + cursorName + "' from "
                    + database.url() + ": " + e.getMessage() + ". Is the database migrated?", e);
        }
    }

    /**
     * Reads {@code source} until it is finished (a file's end, or a client closed from another
     * thread), committing a batch when it is full or when a live stream goes quiet.
     */
    public void run(EventSource source) throws InterruptedException {
        run(source, options.batchSize());
    }

    /** @param maxBatch the batch size to grow to, doubling from {@code options.batchSize()} after each commit that applied events */
    private void run(EventSource source, int maxBatch) throws InterruptedException {
        String name = source.cursorName();
        long cursor = cursor(name).orElse(-1);
        log.info("Indexing {} for forum {} from cursor {}", name, forumDid, cursor < 0 ? "(start)" : cursor);
        source.open(cursor < 0 ? OptionalLong.empty() : OptionalLong.of(cursor));
        RecentEvents recent = new RecentEvents(source.rewind(), cursor);
        int batchSize = options.batchSize();
        List<String> batch = new ArrayList<>(batchSize);
        long deadline = 0;
        while (true) {
            long waitNanos = batch.isEmpty() ? options.maxBatchDelay().toNanos() : deadline - System.nanoTime();
            String line = waitNanos > 0 ? source.next(Duration.ofNanos(waitNanos)) : null;
            if (line != null) {
                if (batch.isEmpty()) {
                    deadline = System.nanoTime() + options.maxBatchDelay().toNanos();
                }
                batch.add(line);
            }
            boolean finished = line == null && source.finished();
            boolean due = batch.size() >= batchSize || (line == null && !batch.isEmpty()
                    && System.nanoTime() - deadline >= 0);
            if (!batch.isEmpty() && (due || finished)) {
                long appliedBefore = counters.applied();
                cursor = commit(name, cursor, batch, recent);
                batch.clear();
                // A resumed replay first reads what it already applied: only batches that wrote grow.
                if (counters.applied() > appliedBefore) {
                    batchSize = (int) Math.min(maxBatch, 2L * batchSize);
                }
            }
            if (finished) {
                break;
            }
        }
        log.info("Indexed {} up to cursor {}: {}", name, cursor, counters);
    }

    /**
     * Runs a finite source (a replay file) to its end, in batches growing to
     * {@link IndexerOptions#replayBatchSize}, closes it and returns this indexer's counters.
     * Resumable: a replay interrupted at any point resumes after its last committed event.
     */
    public IndexerCounters replay(EventSource source) {
        try (source) {
            run(source, options.replayBatchSize());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The replay of " + source.cursorName() + " was interrupted", e);
        }
        return counters;
    }

    /** Applies {@code rawEvents} in order, in batches, as if they came from a stream called {@code cursorName}. */
    public void apply(String cursorName, List<String> rawEvents) {
        long cursor = cursor(cursorName).orElse(-1);
        for (int from = 0; from < rawEvents.size(); from += options.batchSize()) {
            cursor = commit(cursorName, cursor, rawEvents.subList(from, Math.min(rawEvents.size(), from + options.batchSize())),
                    RecentEvents.none());
        }
    }

    /** What {@link #applyRecords} did: records written, and records skipped (counted and logged as events are). */
    public record RecordsApplied(long applied, long skipped) {
    }

    /**
     * Applies records read from a repository ({@code com.atproto.repo.listRecords}) as that
     * repository's create events would be: the same checks, handlers and trust rules, in one
     * transaction that moves no cursor. A record addressed to another repository or collection is
     * refused as untrusted.
     *
     * <pre>
     * indexer.applyRecords("did:plc:alice", Nsid.POST, answer.path("records"));
     * </pre>
     *
     * @param entries {@code {uri, cid, value}} objects, as listed
     */
    public RecordsApplied applyRecords(String repoDid, String collection, Iterable<JsonNode> entries) {
        BatchOutcome refused = new BatchOutcome();
        List<Prepared> changes = new ArrayList<>();
        for (JsonNode entry : entries) {
            prepareInto(parser.repositoryRecord(repoDid, collection, entry), changes, refused);
        }
        BatchOutcome written = changes.isEmpty() ? new BatchOutcome() : write(BACKFILL, changes, -1);
        publish(refused);
        publish(written);
        return new RecordsApplied(written.applied(), refused.skippedNotes().size() + written.skippedNotes().size());
    }

    /** One transaction: the batch's events and its cursor. Returns the new cursor. */
    private long commit(String cursorName, long cursor, List<String> lines, RecentEvents recent) {
        BatchOutcome refused = new BatchOutcome();
        List<Prepared> changes = new ArrayList<>(lines.size());
        long last = cursor;
        for (String line : lines) {
            EventParser.Parsed parsed = parser.parse(line);
            // Jetstream's time_us only grows: one not above the last seen is a replay after a
            // reconnect, unless it is one not seen yet within the source's rewind.
            if (parsed.timeUs() != EventParser.Parsed.NO_TIME) {
                if (!recent.isNew(parsed.timeUs(), parsed.key(), last)) {
                    refused.skipped(parsed.key(), SkipReason.ALREADY_APPLIED, "at or before cursor " + last);
                    continue;
                }
                last = Math.max(last, parsed.timeUs());
                recent.handled(parsed.timeUs(), parsed.key(), last);
            }
            prepareInto(parsed, changes, refused);
        }
        BatchOutcome written = last > cursor || !changes.isEmpty() ? write(cursorName, changes, last) : new BatchOutcome();
        publish(refused);
        publish(written);
        if (last > cursor) {
            counters.reached(Instant.EPOCH.plus(last, ChronoUnit.MICROS), Instant.now());
        }
        return last;
    }

    /** The parsed event's writes go to {@code changes}, or its refusal to {@code refused}. */
    private void prepareInto(EventParser.Parsed parsed, List<Prepared> changes, BatchOutcome refused) {
        try {
            if (parsed.rejection() != null) {
                throw parsed.rejection();
            }
            Change change = parsed.accountChange() != null ? parsed.accountChange() : prepare(parsed.event());
            changes.add(new Prepared(parsed.key(), change));
        } catch (RejectedEvent e) {
            refused.skipped(parsed.key(), e.reason(), e.getMessage());
        }
    }

    private Change prepare(Event event) throws RejectedEvent {
        RecordHandler handler = handlers.get(event.collection());
        if (handler == null) {
            throw new RejectedEvent(SkipReason.UNKNOWN_COLLECTION, "no handler for this collection");
        }
        return handler.prepare(event, forum);
    }

    private record Prepared(EventKey key, Change change) {
    }

    /**
     * Writes the batch without savepoints (fast); if the database refuses any of it, rolls back and
     * writes it again one event per savepoint, so the refused event alone is lost.
     */
    private BatchOutcome write(String cursorName, List<Prepared> changes, long cursor) {
        Instant now = Instant.now();
        try (Connection c = database.connection()) {
            c.setAutoCommit(false);
            try {
                try {
                    return writeBatch(c, cursorName, changes, cursor, now, false);
                } catch (SQLException e) {
                    c.rollback();
                    log.debug("Batch refused ({}); writing it again event by event", e.getMessage());
                }
                return writeBatch(c, cursorName, changes, cursor, now, true);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException("The indexer could not commit a batch to " + database.url() + ": "
                    + e.getMessage() + ". Nothing of the batch was kept; restarting resumes from cursor "
                    + "'" + cursorName + "'.", e);
        }
    }

    private BatchOutcome writeBatch(Connection c, String cursorName, List<Prepared> changes, long cursor,
                                    Instant now, boolean eachAlone) throws SQLException {
        BatchOutcome outcome = new BatchOutcome();
        if (leadership != null) {
            leadership.fence(c); // first: the next leader waits for this transaction to end
        }
        try (RecordWriter w = new RecordWriter(c, database.dialect(), now, outcome)) {
            for (Prepared prepared : changes) {
                if (eachAlone) {
                    writeAlone(c, w, prepared, outcome);
                } else {
                    prepared.change().apply(w);
                    outcome.countApplied();
                }
            }
            w.flush();
            if (cursor >= 0) {
                w.writeCursor(cursorName, cursor);
            }
            c.commit();
            return outcome;
        }
    }

    private static void writeAlone(Connection c, RecordWriter w, Prepared prepared, BatchOutcome outcome)
            throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            prepared.change().apply(w);
            w.flush();
            c.releaseSavepoint(savepoint);
            outcome.countApplied();
        } catch (SQLException e) {
            c.rollback(savepoint);
            w.discard();
            outcome.skipped(prepared.key(), SkipReason.DATABASE_ERROR, e.getMessage());
        }
    }

    private void publish(BatchOutcome outcome) {
        counters.add(outcome);
        for (BatchOutcome.Note note : outcome.parkedNotes()) {
            log.info("Parked event ({}): {}", note.key(), clip(note.detail()));
        }
        for (BatchOutcome.Note note : outcome.skippedNotes()) {
            if (note.reason().logged()) {
                log.warn("Skipped event {} ({}): {}", note.reason(), note.key(), clip(note.detail()));
            }
        }
    }

    private static String clip(String detail) {
        String oneLine = String.valueOf(detail).replaceAll("\\s+", " ");
        return EventKey.clip(oneLine.length() > MAX_LOGGED_DETAIL ? oneLine.substring(0, MAX_LOGGED_DETAIL) : oneLine);
    }
}
