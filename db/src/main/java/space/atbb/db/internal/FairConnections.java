package space.atbb.db.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections, handed out in the order they were asked for. HikariCP lets a thread
 * that has just returned a connection take it straight back ahead of the threads already waiting;
 * with SQLite's single connection and a burst of requests, a waiter could starve past its timeout.
 * A fair semaphore with one permit per pooled connection queues callers first come, first served.
 */
public final class FairConnections implements DataSource {
    private final HikariDataSource pool;
    private final Semaphore permits;
    private final long timeoutMillis;

    FairConnections(HikariDataSource pool, int size, Duration timeout) {
        this.pool = pool;
        this.permits = new Semaphore(size, true);
        this.timeoutMillis = timeout.toMillis();
    }

    /** A connection of the pool once every earlier caller has had one; closing it lets the next one in. */
    @Override
    public Connection getConnection() throws SQLException {
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException(pool.getPoolName() + " - Connection is not available,"
                        + " request timed out after " + timeoutMillis + "ms " + state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(pool.getPoolName() + " - interrupted while waiting for a connection", e);
        }
        try {
            return releasingOnClose(pool.getConnection());
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** As HikariCP words it, plus the callers queued here. */
    private String state() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return "(total=" + bean.getTotalConnections() + ", active=" + bean.getActiveConnections()
                + ", idle=" + bean.getIdleConnections() + ", waiting=" + permits.getQueueLength() + ")";
    }

    private Connection releasingOnClose(Connection connection) {
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            connection.close();
                        } finally {
                            if (released.compareAndSet(false, true)) {
                                permits.release();
                            }
                        }
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The pool holds the credentials: other ones cannot be honoured. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The pool connects with the credentials of its database URL");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
