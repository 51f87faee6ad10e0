package space.atbb.appview.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import space.atbb.db.Database;

/**
 * Whether this appview should be sent traffic: once its warm-up is done, while a round trip to
 * its database answers within {@link #DATABASE_BOUND}. The round trip runs on a thread of its own,
 * so a database that hangs costs a readiness probe that bound and no more; while one round trip is
 * in flight, later probes wait on it rather than start another.
 */
final class Readiness {
    /** Under the second a load balancer's probe commonly allows. */
    static final Duration DATABASE_BOUND = Duration.ofMillis(800);

    /** Why the appview is not ready: the problem's title and details. */
    record NotReady(String title, Map<String, String> details) {
    }

    private final Database db;
    private volatile boolean warm;
    private CompletableFuture<Void> roundTrip;

    Readiness(Database db) {
        this.db = db;
    }

    void warmedUp() {
        warm = true;
    }

    /** Empty when ready. */
    Optional<NotReady> check() {
        if (!warm) {
            return Optional.of(new NotReady("Starting", Map.of("status", "starting",
                    "warmup", "each page and read route is opened once before the appview takes traffic")));
        }
        try {
            roundTrip().get(DATABASE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of(unreachable("The database did not answer within " + DATABASE_BOUND.toMillis()
                    + " ms. Check that the database server is running and that DATABASE_URL points at it."));
        } catch (ExecutionException e) {
            return Optional.of(unreachable(String.valueOf(e.getCause().getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(unreachable("Interrupted while waiting for the database"));
        }
    }

    private synchronized CompletableFuture<Void> roundTrip() {
        if (roundTrip == null || roundTrip.isDone()) {
            roundTrip = CompletableFuture.runAsync(db::ping, task -> {
                Thread thread = new Thread(task, "atbb-readiness");
                thread.setDaemon(true);
                thread.start();
            });
        }
        return roundTrip;
    }

    private static NotReady unreachable(String why) {
        return new NotReady("Database unreachable", Map.of("database", why));
    }
}
