package space.atbb.appview.indexer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import space.atbb.appview.indexer.event.EventKey;

/**
 * Which events are new, for a source that may send some again after a reconnect
 * ({@link EventSource#rewind()}): above the last time_us seen, every event; within the rewind
 * below it, the events not seen in this run (late, out of order); else none. Holds the events of
 * the rewind window only (a few seconds of a stream).
 */
final class RecentEvents {
    private record Seen(long timeUs, EventKey key) {
    }

    private final long windowMicros;
    /** The cursor stored when the run began: what lies at or below it was applied by an earlier run. */
    private final long floor;
    private final ArrayDeque<Seen> order = new ArrayDeque<>();
    private final Set<Seen> seen = new HashSet<>();

    RecentEvents(Duration rewind, long floor) {
        this.windowMicros = TimeUnit.NANOSECONDS.toMicros(rewind.toNanos());
        this.floor = floor;
    }

    /** No rewind: only events above the last one are new. */
    static RecentEvents none() {
        return new RecentEvents(Duration.ZERO, Long.MAX_VALUE);
    }

    /** Whether the event is to be applied, {@code last} being the highest time_us seen so far. */
    boolean isNew(long timeUs, EventKey key, long last) {
        if (timeUs > last) {
            return true;
        }
        return windowMicros > 0 && timeUs > floor && timeUs > last - windowMicros
                && !seen.contains(new Seen(timeUs, key));
    }

    /** Records the event as handled, and forgets those fallen out of the window below {@code last}. */
    void handled(long timeUs, EventKey key, long last) {
        if (windowMicros == 0) {
            return;
        }
        Seen event = new Seen(timeUs, key);
        if (seen.add(event)) {
            order.addLast(event);
        }
        while (!order.isEmpty() && order.peekFirst().timeUs() <= last - windowMicros) {
            seen.remove(order.removeFirst());
        }
    }
}
