package space.atbb.appview.indexer;

import java.time.Duration;
import java.util.OptionalLong;

/** Raw Jetstream events, one JSON text each, read by {@link Indexer#run(EventSource)}. */
public interface EventSource extends AutoCloseable {
    /** The firehose_cursor row this source's progress is kept in (its {@code service}). */
    String cursorName();

    /** Starts reading; {@code cursor} is the last time_us already applied, when there is one. */
    void open(OptionalLong cursor);

    /** The next event, or null when none arrived within {@code wait} (or the source is finished). */
    String next(Duration wait) throws InterruptedException;

    /**
     * How far before its last event the source may send events again after a reconnect. Within
     * it, the indexer applies an event it has not seen in this run (one that came out of order)
     * and skips the ones it applied; below it, or at or below the cursor stored when the run began,
     * everything is skipped. Zero (a file): every event not above the last one is skipped.
     */
    default Duration rewind() {
        return Duration.ZERO;
    }

    /** True once no event will ever come again (end of file, or closed). */
    boolean finished();

    @Override
    void close();
}
