package space.atbb.appview.indexer.sources;

import java.time.Duration;

/**
 * The wait before retrying after failures in a row: {@code min}, doubling with each failure up
 * to {@code max}, and back to {@code min} after a success. Safe to use from any thread. Shared by
 * the stream, the live indexer's database retries and the backfill's requests.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private int failures;

    public Backoff(Duration min, Duration max) {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("Backoff must satisfy 0 < min <= max, was " + min + " and " + max);
        }
        this.min = min;
        this.max = max;
    }

    /** From 1 s to 60 s: for Jetstream's connection and the live indexer's database alike. */
    public static Backoff standard() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /** Counts one more failure and returns how long to wait before the next try. */
    public synchronized Duration next() {
        // The shift is capped so that it cannot overflow; max caps the wait itself.
        long millis = Math.min(max.toMillis(), min.toMillis() << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(millis);
    }

    public synchronized void reset() {
        failures = 0;
    }
}
