package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TcpRelay;
import space.atbb.db.testing.TestPostgres;

/** What a caller learns when no connection comes in time: the pool's state, who else waits, and why. */
class PoolTimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(400);

    @DatabaseTest(migrated = false)
    void anExhaustedPoolSaysWhatItHoldsAndHowManyWait(DatabaseKind kind) throws Exception {
        String url = kind.create(false);
        List<Connection> held = new ArrayList<>();
        try (Database db = Databases.create(DatabaseConfig.builder(url).connectionTimeout(TIMEOUT).build())) {
            int size = db.poolStats().size();
            for (int i = 0; i < size; i++) {
                held.add(db.connection());
            }
            CompletableFuture<Throwable> first = new CompletableFuture<>();
            Thread waiter = new Thread(() -> {
                try (Connection never = db.connection()) {
                    first.complete(null);
                } catch (Throwable e) {
                    first.complete(e);
                }
            });
            waiter.start();
            awaitQueued(db, 1);
            Thread.sleep(100); // the waiter's timeout comes first, while this thread still waits

            assertThatThrownBy(db::connection)
                    .isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("No database connection became free in time")
                    .hasMessageContaining("queued=0");
            assertThat(first.get()).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("request timed out after")
                    .hasMessageContaining("(total=" + size + ", active=" + size + ", idle=0, waiting=0, queued=1)")
                    .hasMessageContaining(kind.dialect() == Dialect.SQLITE ? "must use it rather than ask for a second"
                            : "Raise the pool size")
                    .cause().isInstanceOf(SQLTransientConnectionException.class)
                    .hasNoCause(); // every connection busy: nothing failed to connect
            assertThat(db.poolStats()).isEqualTo(new PoolStats(size, size, size, 0, 0, 0, size));
        } finally {
            for (Connection c : held) {
                c.close();
            }
            kind.drop(url);
        }
    }

    /** A server that stops answering is named as the cause, not a pool too small. */
    @Test
    void aServerThatStopsAnsweringIsReportedAsUnreachable() throws Exception {
        TestPostgres postgres = TestPostgres.get();
        String url = DatabaseKind.POSTGRES.create(false);
        try (TcpRelay relay = TcpRelay.to(postgres.address())) {
            DatabaseConfig config = DatabaseConfig.builder(postgres.urlAt(url, relay.address()))
                    .poolSize(2).connectionTimeout(Duration.ofSeconds(1)).build();
            try (Database db = Databases.create(config)) {
                try (Connection c = db.connection()) {
                    assertThat(c.isValid(1)).isTrue();
                }
                relay.cut(); // the port is shut and the pool's connections are cut
                Thread.sleep(600); // past the 500 ms in which HikariCP hands out a connection unchecked

                DatabaseException error = catchThrowableOfType(DatabaseException.class, db::connection);
                assertThat(error)
                        .hasMessageContaining("Cannot reach the database")
                        .hasMessageContaining("refused")
                        .hasMessageContaining("Check that the database server is running")
                        .hasMessageNotContaining("pool size");
                SQLTransientConnectionException timeout = (SQLTransientConnectionException) error.getCause();
                assertThat(timeout.getSQLState()).isEqualTo("08001"); // connection failure, from the cause
                assertThat(timeout.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("refused")
                        .hasRootCauseInstanceOf(ConnectException.class);
                assertThat(error.kind()).isEqualTo(DatabaseException.Kind.UNREACHABLE);

                relay.reopen(); // the server is back: the pool connects again by itself
                assertThat(connectsWithin(db, Duration.ofSeconds(20))).isTrue();
            }
        } finally {
            DatabaseKind.POSTGRES.drop(url);
        }
    }

    private static boolean connectsWithin(Database db, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = db.connection()) {
                return c.isValid(1);
            } catch (DatabaseException stillDown) {
                assertThat(stillDown.kind()).isEqualTo(DatabaseException.Kind.UNREACHABLE);
                Thread.sleep(50);
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
        return false;
    }

    private static void awaitQueued(Database db, int callers) throws InterruptedException {
        for (int i = 0; i < 1000 && db.poolStats().queued() < callers; i++) {
            Thread.sleep(5);
        }
        assertThat(db.poolStats().queued()).isEqualTo(callers);
    }
}
