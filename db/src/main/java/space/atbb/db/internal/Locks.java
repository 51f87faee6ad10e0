package space.atbb.db.internal;

import java.time.Duration;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.ExclusiveLock;
import space.atbb.db.LeaderLock;

/** The locks across the processes on one database, per dialect. */
public final class Locks {
    private Locks() {
    }

    /**
     * The leadership of the job {@code name}; see {@link LeaderLock}. PostgreSQL: an advisory lock
     * on its own connection, free again within {@code takeover} when its holder dies or vanishes.
     * SQLite: always held, one process per file.
     */
    public static LeaderLock leader(DatabaseConfig config, String name, Duration takeover) {
        return switch (config.dialect()) {
            case POSTGRES -> new PostgresLeaderLock(config, name, takeover);
            case SQLITE -> new SqliteLeaderLock();
        };
    }

    /** The lock {@code name}, waiting for its holder; see {@link ExclusiveLock}. */
    public static ExclusiveLock exclusive(DatabaseConfig config, String name, Runnable whileWaiting) {
        return switch (config.dialect()) {
            case POSTGRES -> PostgresLocks.exclusive(config, name, whileWaiting);
            // The file lock already keeps other processes out; within the process, callers serialise themselves.
            case SQLITE -> () -> { };
        };
    }
}
