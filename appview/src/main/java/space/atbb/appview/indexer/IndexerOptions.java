package space.atbb.appview.indexer;

import java.time.Duration;
import java.util.Objects;

/**
 * How the indexer batches. Each batch is one transaction that also moves the cursor.
 *
 * @param batchSize       events per transaction, at most. Default 2,000.
 * @param maxBatchDelay   how long a live stream's events may wait for their batch to fill before it
 *                        commits anyway. Default 200 ms.
 * @param replayBatchSize events per transaction, at most, when {@link Indexer#replay replaying} a
 *                        file: its batches start at {@code batchSize} and double up to this, so a
 *                        short or resumed replay commits soon and a long one in large transactions
 *                        (fewer commits, and fewer recounts of the same topics and boards).
 *                        Default 16,000; never below {@code batchSize}.
 */
public record IndexerOptions(int batchSize, Duration maxBatchDelay, int replayBatchSize) {
    public static final IndexerOptions DEFAULTS = new IndexerOptions(2_000, Duration.ofMillis(200), 16_000);

    public IndexerOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        Objects.requireNonNull(maxBatchDelay, "maxBatchDelay");
        if (maxBatchDelay.isNegative() || maxBatchDelay.isZero()) {
            throw new IllegalArgumentException("maxBatchDelay must be positive, was " + maxBatchDelay);
        }
        if (replayBatchSize < batchSize) {
            throw new IllegalArgumentException("replayBatchSize must be at least batchSize (" + batchSize + "), was "
                    + replayBatchSize);
        }
    }

    /** Replays in batches of at most {@code batchSize}, as a live stream. */
    public IndexerOptions(int batchSize, Duration maxBatchDelay) {
        this(batchSize, maxBatchDelay, batchSize);
    }

    /** Both batch sizes set to {@code size}. */
    public IndexerOptions withBatchSize(int size) {
        return new IndexerOptions(size, maxBatchDelay, size);
    }
}
