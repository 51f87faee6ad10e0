package space.atbb.db.internal;

import java.sql.SQLException;

/**
 * Failures that mean the server cannot be reached, as opposed to a busy pool or a bad query:
 * SQLState class 08 (connection exception), which pgjdbc gives a refused or timed-out connect
 * (08001) and a connection cut in use (08006).
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    /** Whether {@code e} or one of its causes is a connection exception; false for null. */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }
}
