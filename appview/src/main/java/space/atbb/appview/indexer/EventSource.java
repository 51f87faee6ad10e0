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

    /** True once no event will ever come again (end of file, or closed). */
    boolean finished();

    @Override
    void close();
}
