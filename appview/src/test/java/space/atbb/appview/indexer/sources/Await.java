package space.atbb.appview.indexer.sources;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what another thread does, polling. */
public final class Await {
    private static final Duration LIMIT = Duration.ofSeconds(15);

    private Await() {
    }

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + LIMIT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }
}
