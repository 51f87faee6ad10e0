package space.atbb.appview.indexer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the indexer batches. Each batch is one transaction that also moves the cursor.
 *
 * @param batchSize     events per transaction, at most. Default 2,000.
 * @param maxBatchDelay how long a live stream's events may wait for their batch to fill before it
 *                      commits anyway. Default 200 ms.
 */
public record IndexerOptions(int batchSize, Duration maxBatchDelay) {
    public static final IndexerOptions DEFAULTS = new IndexerOptions(2_000, Duration.ofMillis(200));

    public IndexerOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("maxBatchDelay must be positive, was " + maxBatchDelay);
        }
    }

    public IndexerOptions withBatchSize(int size) {
        return new IndexerOptions(size, maxBatchDelay);
    }
}
