package space.atbb.db.internal;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.DatabaseException;
import space.atbb.db.LeaderLock;
import space.atbb.db.LeadershipLostException;

/**
 * Leadership on PostgreSQL: a session advisory lock on a connection outside the pool, plus a term
 * in {@code indexer_leader} that each new holder increments once it has the lock.
 *
 * <p>Fencing ({@link #fence}) takes the term row FOR SHARE in the writer's transaction, and only if
 * the term is still this holder's and pg_locks still shows the lock granted to this holder's
 * session. Both are needed: the pg_locks check alone leaves a window (checked, then the session
 * dies, the next leader reads the cursor, then the old batch commits: applied twice); the term
 * alone would let a holder whose session died go on committing until a new leader appears. With
 * both, a new holder's term increment waits on the row lock of any fenced transaction in flight,
 * so the new leader reads the cursor after that transaction's commit, and every transaction
 * fenced later sees either the new term or no lock in pg_locks and aborts.
 */
public final class PostgresLeaderLock implements LeaderLock {
    private static final String NEW_TERM = """
            INSERT INTO indexer_leader (name, term, holder, since) VALUES (?, 1, ?, now())
            ON CONFLICT (name) DO UPDATE SET term = indexer_leader.term + 1, holder = excluded.holder,
                since = excluded.since
            RETURNING term""";
    private static final String FENCE = """
            SELECT term FROM indexer_leader
            WHERE name = ? AND term = ? AND EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
                AND classid = ?::oid AND objid = ?::oid AND objsubid = 2 AND pid = ? AND granted)
            FOR SHARE OF indexer_leader""";

    private final DatabaseConfig config;
    private final String name;
    private final Duration takeover;
    private final String holder = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    /** The lock's session, kept between tries; null until the first try or after a failure. */
    private Connection session;
    private volatile long term;
    private volatile int sessionPid;

    /** @param takeover how soon the lock must be free again after this holder's machine vanishes */
    public PostgresLeaderLock(DatabaseConfig config, String name, Duration takeover) {
        this.config = config;
        this.name = name;
        this.takeover = takeover;
    }

    @Override
    public synchronized boolean tryAcquire() {
        if (term > 0) {
            return isHeld();
        }
        try {
            if (session == null || !session.isValid(validitySeconds())) {
                PostgresLocks.closeQuietly(session);
                session = null;
                session = PostgresLocks.connect(config, name, takeover);
            }
            if (!PostgresLocks.tryLock(session, name)) {
                return false;
            }
            try (PreparedStatement newTerm = session.prepareStatement(NEW_TERM);
                 PreparedStatement pid = session.prepareStatement("SELECT pg_backend_pid()")) {
                newTerm.setString(1, name);
                newTerm.setString(2, holder);
                try (ResultSet row = newTerm.executeQuery(); ResultSet pidRow = pid.executeQuery()) {
                    row.next();
                    pidRow.next();
                    sessionPid = pidRow.getInt(1);
                    term = row.getLong(1);
                }
            }
            return true;
        } catch (SQLException e) {
            lose();
            throw new DatabaseException("Cannot try the leader lock '" + name + "' on " + config.url() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean isHeld() {
        if (term == 0) {
            return false;
        }
        try {
            if (session.isValid(validitySeconds())) {
                return true;
            }
        } catch (SQLException ignored) {
            // Gone as surely as when invalid.
        }
        lose();
        return false;
    }

    @Override
    public long term() {
        return term;
    }

    @Override
    public void fence(Connection transaction) throws SQLException {
        long myTerm = term;
        int pid = sessionPid;
        if (myTerm == 0) {
            throw new LeadershipLostException("This process does not hold the leader lock '" + name + "'.");
        }
        // A writer whose machine vanishes mid-transaction would hold the term row, and so keep the
        // next leader waiting, until TCP gives up (hours): PostgreSQL ends such a session sooner.
        try (Statement timeout = transaction.createStatement()) {
            timeout.execute("SET LOCAL idle_in_transaction_session_timeout = " + Math.max(1000, takeover.toMillis() / 2));
        }
        try (PreparedStatement check = transaction.prepareStatement(FENCE)) {
            check.setString(1, name);
            check.setLong(2, myTerm);
            check.setInt(3, PostgresLocks.KEY_SPACE);
            check.setInt(4, PostgresLocks.key(name));
            check.setInt(5, pid);
            try (ResultSet row = check.executeQuery()) {
                if (!row.next()) {
                    throw new LeadershipLostException("This process lost the leader lock '" + name + "' (term " + myTerm
                            + ", lock session " + pid + "): another process leads now or is about to.");
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        lose();
    }

    private void lose() {
        term = 0;
        PostgresLocks.closeQuietly(session);
        session = null;
    }

    private int validitySeconds() {
        return (int) Math.max(1, takeover.toSeconds() / 4);
    }
}
