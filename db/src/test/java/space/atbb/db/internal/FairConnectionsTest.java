package space.atbb.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The queue's timeouts carry why the pool cannot connect, as HikariCP's own do. */
class FairConnectionsTest {
    @Test
    void aPoolOnAClosedPortTimesOutWithTheRefusalAsItsCause() throws Exception {
        try (HikariDataSource pool = new HikariDataSource(poolOn(closedPort()))) {
            FairConnections connections = new FairConnections(pool, 1, Duration.ofMillis(250));

            // Inside HikariCP (the permit was free): HikariCP's timeout, worded with the queue's count.
            SQLTransientConnectionException inPool = timeout(connections);
            assertThat((Throwable) inPool).hasMessageContaining("request timed out after")
                    .hasMessageContaining("(total=0, active=0, idle=0, waiting=0, queued=0)");
            assertRefused(inPool);

            // In the queue, behind a caller that waits inside HikariCP: the pool's last failure again.
            CompletableFuture<Throwable> holder = CompletableFuture.supplyAsync(() -> timeoutOrNull(connections));
            while (connections.stats().awaiting() == 0 && !holder.isDone()) {
                Thread.sleep(5);
            }
            SQLTransientConnectionException inQueue = timeout(connections);
            assertThat((Throwable) inQueue).hasMessageContaining("waiting=1, queued=0");
            assertRefused(inQueue);
            assertThat(holder.get()).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(connections.stats().borrowed()).isZero();
        }
    }

    private static void assertRefused(SQLTransientConnectionException timeout) {
        assertThat(timeout.getSQLState()).isEqualTo("08001");
        assertThat(timeout.getCause()).isInstanceOf(SQLException.class).hasMessageContaining("refused");
        assertThat((Throwable) timeout.getNextException()).isSameAs(timeout.getCause());
    }

    /** A pool that starts without its server, as one whose server went away later. */
    private static HikariConfig poolOn(int port) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/atbb");
        config.setUsername("atbb");
        config.setMaximumPoolSize(1);
        // Long beside the queue's 250 ms, so the caller waiting inside HikariCP is still waiting
        // when the queued one gives up, however busy the machine.
        config.setConnectionTimeout(3000);
        config.setInitializationFailTimeout(-1);
        return config;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static SQLTransientConnectionException timeout(FairConnections connections) {
        return catchThrowableOfType(SQLTransientConnectionException.class, () -> {
            try (Connection unexpected = connections.getConnection()) {
                throw new AssertionError("connected to a closed port: " + unexpected);
            }
        });
    }

    private static Throwable timeoutOrNull(FairConnections connections) {
        try (Connection unexpected = connections.getConnection()) {
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
