package space.atbb.db.internal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.DatabaseException;
import space.atbb.db.ExclusiveLock;

/**
 * PostgreSQL advisory locks, each on a session of its own outside the pool: a session lock lives
 * exactly as long as its connection, so it must not go back to a pool nor be shared with work
 * that may fail and be reset. Locks are keyed by (atbb's key space, a hash of their name).
 */
public final class PostgresLocks {
    /** "atbb" in ASCII: the first key of every atBB advisory lock. */
    static final int KEY_SPACE = 0x61746262;

    private PostgresLocks() {
    }

    /** The second key of the lock called {@code name}; positive, so that pg_locks' oid columns show it as is. */
    static int key(String name) {
        return name.hashCode() & 0x7fffffff;
    }

    /**
     * A new session for a lock. Its TCP keepalives make PostgreSQL notice a holder whose machine
     * vanished (no FIN ever arrives) within about half of {@code notice}, so that the lock is free
     * again in time; without them the server would wait for the system's default of two hours.
     */
    static Connection connect(DatabaseConfig config, String name, Duration notice) throws SQLException {
        Properties properties = new Properties();
        config.url().user().ifPresent(user -> properties.setProperty("user", user));
        config.url().password().ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "atbb lock " + name);
        properties.setProperty("connectTimeout", String.valueOf(Math.max(1, config.connectionTimeout().toSeconds())));
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(config.url().jdbcUrl(), properties);
        try (Statement settings = connection.createStatement()) {
            long idle = Math.max(1, notice.toSeconds() / 4);
            long interval = Math.max(1, notice.toSeconds() / 8);
            settings.execute("SET tcp_keepalives_idle = " + idle);
            settings.execute("SET tcp_keepalives_interval = " + interval);
            settings.execute("SET tcp_keepalives_count = 2");
            settings.execute("SET tcp_user_timeout = " + Math.max(1000, notice.toMillis() / 2));
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** Whether {@code session} took the lock {@code name} (false: another session holds it). */
    static boolean tryLock(Connection session, String name) throws SQLException {
        try (PreparedStatement statement = keyed(session, "SELECT pg_try_advisory_lock(?, ?)", name);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /**
     * Holds the lock {@code name} until closed, waiting as long as another process holds it;
     * {@code whileWaiting} runs once, before the wait.
     */
    public static ExclusiveLock exclusive(DatabaseConfig config, String name, Runnable whileWaiting) {
        Connection session = null;
        try {
            session = connect(config, name, config.connectionTimeout());
            if (!tryLock(session, name)) {
                whileWaiting.run();
                try (PreparedStatement wait = keyed(session, "SELECT pg_advisory_lock(?, ?)", name)) {
                    wait.execute();
                }
            }
            Connection held = session;
            return () -> closeQuietly(held);
        } catch (SQLException e) {
            closeQuietly(session);
            throw new DatabaseException("Cannot take the database lock '" + name + "' on " + config.url() + ": "
                    + e.getMessage(), e);
        }
    }

    private static PreparedStatement keyed(Connection session, String sql, String name) throws SQLException {
        PreparedStatement statement = session.prepareStatement(sql);
        statement.setInt(1, KEY_SPACE);
        statement.setInt(2, key(name));
        return statement;
    }

    static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close(); // ends the session, and with it its locks
        } catch (SQLException ignored) {
            // The session is gone either way.
        }
    }
}
