package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * Leadership among the processes on one database. Two locks of one process stand for two
 * processes: on PostgreSQL each lock has a session of its own, as in two processes. Taking over,
 * terms and fencing exist on PostgreSQL alone; SQLite, one process per file, always leads.
 */
class LeaderLockTest {
    private static final Duration TAKEOVER = Duration.ofSeconds(10);

    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void onSqliteTheOneProcessAlwaysLeads(Database db) throws SQLException {
        try (LeaderLock lock = db.leaderLock("indexer", TAKEOVER); Connection c = db.connection()) {
            assertThat(lock.tryAcquire()).isTrue();
            assertThat(lock.isHeld()).isTrue();
            c.setAutoCommit(false);
            lock.fence(c); // passes: no other process can write the file
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void oneHolderAtATimeAndEachNewHolderStartsANewTerm(Database db) throws Exception {
        try (LeaderLock first = db.leaderLock("indexer", TAKEOVER); LeaderLock second = db.leaderLock("indexer", TAKEOVER)) {
            assertThat(first.tryAcquire()).isTrue();
            assertThat(first.term()).isEqualTo(1);
            assertThat(second.tryAcquire()).isFalse();
            assertThat(second.term()).isZero();

            first.close(); // as at a clean shutdown
            assertThat(second.tryAcquire()).isTrue();
            assertThat(second.term()).isEqualTo(2);
            assertThatThrownBy(() -> fenced(db, first)).isInstanceOf(LeadershipLostException.class)
                    .hasMessageContaining("does not hold the leader lock 'indexer'");
        }
    }

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void aHolderWhoseSessionIsTerminatedCommitsNothingMoreEvenWithNoNewLeader(Database db) throws Exception {
        try (LeaderLock lock = db.leaderLock("indexer", TAKEOVER)) {
            assertThat(lock.tryAcquire()).isTrue();
            fenced(db, lock); // held: the fence passes
            terminateLockSessions(db);

            assertThatThrownBy(() -> fenced(db, lock)).isInstanceOf(LeadershipLostException.class)
                    .hasMessageContaining("lost the leader lock 'indexer' (term 1");
            assertThat(lock.isHeld()).isFalse();
            assertThat(lock.tryAcquire()).isTrue(); // a new session, a new term
            assertThat(lock.term()).isEqualTo(2);
        }
    }

    /**
     * The window fencing closes: the old holder checked its lock, then lost it while its
     * transaction was still open. The new holder's term waits for that transaction, so whatever
     * it committed is there when the new holder reads the cursor; a later fence of the old holder fails.
     */
    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void aNewHolderWaitsForTheOldHoldersTransactionInFlight(Database db) throws Exception {
        try (Connection c = db.connection(); Statement ddl = c.createStatement()) {
            ddl.execute("CREATE TABLE batches (n integer)");
        }
        try (LeaderLock old = db.leaderLock("indexer", TAKEOVER); LeaderLock next = db.leaderLock("indexer", TAKEOVER);
             Connection inFlight = db.connection()) {
            assertThat(old.tryAcquire()).isTrue();
            inFlight.setAutoCommit(false);
            old.fence(inFlight);
            try (Statement batch = inFlight.createStatement()) {
                batch.execute("INSERT INTO batches VALUES (1)");
            }
            terminateLockSessions(db);

            CompletableFuture<Boolean> takeover = CompletableFuture.supplyAsync(next::tryAcquire);
            assertThatThrownBy(() -> takeover.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            inFlight.commit();
            inFlight.setAutoCommit(true);
            assertThat(takeover.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(next.term()).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM batches")).isEqualTo(1);

            assertThatThrownBy(() -> fenced(db, old)).isInstanceOf(LeadershipLostException.class);
        }
    }

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void anExclusiveLockWaitsForItsHolder(Database db) throws Exception {
        CompletableFuture<Void> waited = new CompletableFuture<>();
        ExclusiveLock first = db.lockExclusively("migrate", () -> { });
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try (ExclusiveLock ignored = db.lockExclusively("migrate", () -> waited.complete(null))) {
                // Held once the first is released.
            }
        });
        waited.get(10, TimeUnit.SECONDS);
        assertThat(second).isNotDone();
        first.close();
        second.get(10, TimeUnit.SECONDS);
    }

    /** A transaction fenced by {@code lock}, rolled back. */
    private static void fenced(Database db, LeaderLock lock) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                lock.fence(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    /** As an operator would: pg_terminate_backend on the sessions holding advisory locks here, until they are gone. */
    static void terminateLockSessions(Database db) throws Exception {
        String holders = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM (" + holders + ") h");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (count(c, "SELECT count(*) FROM (" + holders + ") h") > 0) {
                assertThat(System.nanoTime()).as("the terminated sessions ended").isLessThan(deadline);
                Thread.sleep(20);
            }
        }
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connection()) {
            return count(c, sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet row = s.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
