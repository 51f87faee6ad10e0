package space.atbb.db.copy;

import java.time.Duration;
import java.util.Optional;

/**
 * How far the copy of one table is, reported after every committed batch and once at its end.
 *
 * @param rowsDone    rows in the target, counting those a resumed copy found already there
 * @param rowsTotal   rows in the source
 * @param rowsThisRun rows copied by this run, over {@code elapsed}
 */
public record TableProgress(String table, long rowsDone, long rowsTotal, long rowsThisRun, Duration elapsed,
                            boolean finished) {
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsThisRun / seconds;
    }

    /** Time left at the current rate; empty before there is a rate. */
    public Optional<Duration> remaining() {
        double rate = rowsPerSecond();
        if (finished) {
            return Optional.of(Duration.ZERO);
        }
        return rate <= 0 ? Optional.empty()
                : Optional.of(Duration.ofMillis((long) (Math.max(0, rowsTotal - rowsDone) / rate * 1000)));
    }
}
