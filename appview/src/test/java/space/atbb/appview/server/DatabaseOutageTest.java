package space.atbb.appview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.TcpRelay;
import space.atbb.db.testing.TestPostgres;

/**
 * A PostgreSQL server that goes away under a running appview, and comes back. PostgreSQL only: a
 * SQLite file is opened inside the process and cannot become unreachable.
 *
 * <p>The bounds are what the appview promises a load balancer and a client (readiness within a
 * second, the API within two), against the pool's 10 s connection timeout that used to be the
 * answer; the pool's attempts take 500 ms, and readiness waits 800 ms at most.
 */
class DatabaseOutageTest {
    private static final Duration READINESS_BOUND = Duration.ofSeconds(1);
    private static final Duration API_BOUND = Duration.ofSeconds(2);

    @Test
    void readinessAndTheApiSayTheDatabaseIsUnreachableInTimeAndRecoverWhenItIsBack() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        String url = DatabaseKind.POSTGRES.create(true);
        try (TcpRelay relay = TcpRelay.to(postgres.address());
             Database db = Databases.create(postgres.urlAt(url, relay.address())); // the default 10 s timeout
             RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            new ForumSeed(db).category("Plants", 1);
            assertThat(app.get("/api/healthz/ready").status()).isEqualTo(200);
            assertThat(app.get("/api/categories").status()).isEqualTo(200);

            relay.cut();
            // At once the pool still holds the cut connections; past HikariCP's 500 ms in which it
            // hands one out unchecked, it tries to connect anew and is refused.
            assertUnreachable(app);
            Thread.sleep(600);
            assertUnreachable(app);

            relay.reopen();
            awaitReady(app, Duration.ofSeconds(30));
            Response categories = app.get("/api/categories");
            assertThat(categories.status()).isEqualTo(200);
            assertThat(categories.body().path(0).path("name").asText()).isEqualTo("Plants");
        } finally {
            DatabaseKind.POSTGRES.drop(url);
        }
    }

    private static void assertUnreachable(RunningAppView app) {
        Timed ready = Timed.of(() -> app.get("/api/healthz/ready"));
        ready.response().assertProblem(503, "Database unreachable");
        assertThat(ready.response().body().path("details").path("database").asText())
                .contains("Check that the database server is running");
        assertThat(ready.elapsed()).isLessThan(READINESS_BOUND);

        Timed api = Timed.of(() -> app.get("/api/categories"));
        api.response().assertProblem(503, "Database unreachable");
        assertThat(api.response().body().path("details").path("database").asText())
                .contains("cannot be reached", "check that it is running", "DATABASE_URL");
        assertThat(api.elapsed()).isLessThan(API_BOUND);
    }

    private static void awaitReady(RunningAppView app, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Response ready = app.get("/api/healthz/ready");
        while (ready.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            ready = app.get("/api/healthz/ready");
        }
        assertThat(ready.status()).as(ready.body().toString()).isEqualTo(200);
    }

    private record Timed(Response response, Duration elapsed) {
        static Timed of(Supplier<Response> request) {
            long start = System.nanoTime();
            Response response = request.get();
            return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
