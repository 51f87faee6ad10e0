package space.atbb.appview.indexer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import space.atbb.appview.indexer.event.SkipReason;

/**
 * Running totals of an {@link Indexer}, counted when their batch commits, and how far behind the
 * newest committed event was. Safe to read from any thread.
 *
 * <p>An indexer's counters may also add into a process's totals, which outlive the indexer (the
 * server's metrics read those):
 *
 * <pre>
 * IndexerCounters totals = new IndexerCounters();
 * new Indexer(db, forumDid, IndexerOptions.DEFAULTS, totals).replay(source);   // totals grow too
 * </pre>
 */
public final class IndexerCounters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLongArray skipped = new AtomicLongArray(SkipReason.values().length);
    /** The newest committed event's time and when it was committed, as one pair. */
    private volatile Reached reached;
    private final IndexerCounters totals;

    public IndexerCounters() {
        this(null);
    }

    /** @param totals counters that also get everything counted here, or null */
    public IndexerCounters(IndexerCounters totals) {
        this.totals = totals;
    }

    private record Reached(Instant eventTime, Instant committedAt) {
    }

    /** Events written, parked ones included. */
    public long applied() {
        return applied.get();
    }

    /** Applied events that point at a record not indexed yet (its id is filled in when it arrives). */
    public long parked() {
        return parked.get();
    }

    public long skipped(SkipReason reason) {
        return skipped.get(reason.ordinal());
    }

    public long skippedTotal() {
        long total = 0;
        for (SkipReason reason : SkipReason.values()) {
            total += skipped(reason);
        }
        return total;
    }

    /** Events skipped for a {@link SkipReason#logged() logged} reason: refused, not merely ignored or already applied. */
    public long refused() {
        long total = 0;
        for (SkipReason reason : SkipReason.values()) {
            total += reason.logged() ? skipped(reason) : 0;
        }
        return total;
    }

    /** The non-zero skip counts. */
    public Map<SkipReason, Long> skippedByReason() {
        Map<SkipReason, Long> counts = new EnumMap<>(SkipReason.class);
        for (SkipReason reason : SkipReason.values()) {
            if (skipped(reason) > 0) {
                counts.put(reason, skipped(reason));
            }
        }
        return counts;
    }

    /**
     * Seconds between the time (Jetstream's {@code time_us}) of the newest event of the latest
     * committed batch and that commit; empty before a batch with event times committed.
     */
    public OptionalDouble lagSeconds() {
        Reached r = reached;
        return r == null ? OptionalDouble.empty()
                : OptionalDouble.of(Math.max(0, r.committedAt().toEpochMilli() - r.eventTime().toEpochMilli()) / 1000.0);
    }

    /** The time of the newest event of the latest committed batch, if any. */
    public Optional<Instant> lastEventTime() {
        Reached r = reached;
        return r == null ? Optional.empty() : Optional.of(r.eventTime());
    }

    void add(BatchOutcome outcome) {
        applied.addAndGet(outcome.applied());
        parked.addAndGet(outcome.parkedNotes().size());
        outcome.skippedNotes().forEach(note -> skipped.incrementAndGet(note.reason().ordinal()));
        if (totals != null) {
            totals.add(outcome);
        }
    }

    /** A batch whose newest event happened at {@code eventTime} committed at {@code committedAt}. */
    void reached(Instant eventTime, Instant committedAt) {
        reached = new Reached(eventTime, committedAt);
        if (totals != null) {
            totals.reached(eventTime, committedAt);
        }
    }

    @Override
    public String toString() {
        return "applied=" + applied() + " parked=" + parked() + " skipped=" + skippedByReason();
    }
}
