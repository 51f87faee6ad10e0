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
import space.atbb.db.PoolStats;

/**
 * The pool's connections, handed out in the order they were asked for. HikariCP lets a thread
 * that has just returned a connection take it straight back ahead of the threads already waiting;
 * with SQLite's single connection and a burst of requests, a waiter could starve past its timeout.
 * A fair semaphore with one permit per pooled connection queues callers first come, first served.
 */
public final class FairConnections implements DataSource {
    private final HikariDataSource pool;
    private final int size;
    private final Semaphore permits;
    /** The whole wait of a caller, across the queue and HikariCP's attempts. */
    private final long timeoutMillis;
    /** Why the pool last failed to hand out a connection, until it hands one out again. */
    private volatile Throwable lastFailure;
    /** Whether a caller is finding out if an unreachable server answers again. */
    private final AtomicBoolean probing = new AtomicBoolean();

    FairConnections(HikariDataSource pool, int size, Duration timeout) {
        this.pool = pool;
        this.size = size;
        this.permits = new Semaphore(size, true);
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * A connection of the pool once every earlier caller has had one; closing it lets the next one in.
     * While the server cannot be reached (the last attempt to connect failed with SQLState class 08),
     * one caller at a time tries again and the others fail at once, until a connection comes.
     *
     * @throws SQLTransientConnectionException when none is free in time, worded as HikariCP words
     *         it plus the callers still queued, e.g. {@code atbb-sqlite - Connection is not available,
     *         request timed out after 5001ms (total=1, active=1, idle=0, waiting=0, queued=2)}; its
     *         cause and SQLState are the pool's last failure to connect, when there is one
     */
    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        Throwable failure = lastFailure;
        boolean unreachable = ConnectionFailures.isConnectionFailure(failure)
                && pool.getHikariPoolMXBean().getIdleConnections() == 0;
        if (!unreachable) {
            return borrow(start, false);
        }
        if (!probing.compareAndSet(false, true)) {
            throw unavailable("the server was unreachable at the last attempt", failure);
        }
        try {
            return borrow(start, true);
        } finally {
            probing.set(false);
        }
    }

    /** @param once whether one attempt inside HikariCP is all: a probe of a server that was unreachable */
    private Connection borrow(long start, boolean once) throws SQLException {
        try {
            if (!permits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
                throw timedOut(start, lastFailure);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(pool.getPoolName() + " - interrupted while waiting for a connection", e);
        }
        try {
            while (true) {
                try {
                    Connection connection = pool.getConnection();
                    lastFailure = null;
                    return releasingOnClose(connection);
                } catch (SQLTransientConnectionException attemptTimedOut) {
                    // HikariCP's own timeout: it chains the pool's last connection failure, if any.
                    Throwable cause = attemptTimedOut.getCause();
                    if (cause != null) {
                        lastFailure = cause;
                    }
                    if (once || ConnectionFailures.isConnectionFailure(cause) || elapsedMillis(start) >= timeoutMillis) {
                        throw timedOut(start, cause);
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private SQLTransientConnectionException timedOut(long start, Throwable failure) {
        return unavailable("request timed out after " + elapsedMillis(start) + "ms", failure);
    }

    /** As HikariCP's {@code createTimeoutException}: the pool's state, and the failure to connect as the cause. */
    private SQLTransientConnectionException unavailable(String why, Throwable failure) {
        PoolStats s = stats();
        String sqlState = failure instanceof SQLException sql ? sql.getSQLState() : null;
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(pool.getPoolName()
                + " - Connection is not available, " + why + " (total=" + s.total()
                + ", active=" + s.active() + ", idle=" + s.idle() + ", waiting=" + s.awaiting()
                + ", queued=" + s.queued() + ")", sqlState, failure);
        if (failure instanceof SQLException sql) {
            timeout.setNextException(sql);
        }
        return timeout;
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** The pool's counts and this queue's. */
    public PoolStats stats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return new PoolStats(size, bean.getTotalConnections(), bean.getActiveConnections(),
                bean.getIdleConnections(), bean.getThreadsAwaitingConnection(), permits.getQueueLength(),
                size - permits.availablePermits());
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

    /** Only to this queue: unwrapping to the pool would let a caller take connections around it. */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("The pool's connections are handed out only through " + getClass().getName()
                + ", not as " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
