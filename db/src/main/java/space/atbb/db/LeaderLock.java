package space.atbb.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Leadership of one job among every process on a database (the live indexer): at most one
 * process holds it at a time. Get one from {@link Database#leaderLock}; on PostgreSQL it is an
 * advisory lock on a connection of its own, on SQLite the file lock already makes this process
 * the only one, so it is always held.
 *
 * <pre>
 * try (LeaderLock lock = db.leaderLock("indexer", Duration.ofSeconds(10))) {
 *     if (lock.tryAcquire()) {
 *         // in each transaction that writes on the leader's behalf, before committing:
 *         lock.fence(connection);   // LeadershipLostException if another process leads now
 *     }
 * }
 * </pre>
 */
public interface LeaderLock extends AutoCloseable {
    /**
     * Takes the lock if it is free; true when this process holds it (already or now). Each new
     * holding starts a new term, after the previous holder's last fenced transaction committed.
     *
     * @throws DatabaseException when the database cannot be reached
     */
    boolean tryAcquire();

    /** Whether this process still holds the lock: false once the lock's session is gone (then released here). */
    boolean isHeld();

    /** The term of the current holding, counted from 1 on this database; 0 while not held. */
    long term();

    /**
     * Checks, inside {@code transaction} (auto-commit off), that this process still holds the
     * lock in the term it took it, and keeps the next holder from starting until that
     * transaction ends. Call it in every transaction written as the leader.
     *
     * @throws LeadershipLostException when another process leads now, or this one's lock session is gone
     */
    void fence(Connection transaction) throws SQLException;

    /** Releases the lock (if held) and its session. */
    @Override
    void close();
}
