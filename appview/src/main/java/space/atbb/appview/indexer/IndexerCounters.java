package space.atbb.appview.indexer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import space.atbb.appview.indexer.event.SkipReason;

/** Running totals of an {@link Indexer}, counted when their batch commits. Safe to read from any thread. */
public final class IndexerCounters {
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLongArray skipped = new AtomicLongArray(SkipReason.values().length);

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

    void add(BatchOutcome outcome) {
        applied.addAndGet(outcome.applied());
        parked.addAndGet(outcome.parkedNotes().size());
        outcome.skippedNotes().forEach(note -> skipped.incrementAndGet(note.reason().ordinal()));
    }

    @Override
    public String toString() {
        return "applied=" + applied() + " parked=" + parked() + " skipped=" + skippedByReason();
    }
}
