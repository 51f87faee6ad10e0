package space.atbb.appview.indexer.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.db.Database;
import space.atbb.db.LeaderLock;
import space.atbb.db.LeadershipLostException;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * A live indexer whose leader lock session is terminated (as {@code pg_terminate_backend} does)
 * while it keeps running commits no further batch. PostgreSQL only: on SQLite no other process
 * can open the file, so there is no lock session to lose.
 */
class FencedIndexingTest {
    private static final String CURSOR = "SELECT cursor FROM firehose_cursor WHERE service = '"
            + JetstreamClient.CURSOR_NAME + "'";

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void aLeaderWhoseLockSessionIsTerminatedCommitsNoFurtherBatch(Database db) throws Exception {
        TestEvents events = new TestEvents();
        List<String> before = events.structure();
        long committed = events.lastTimeUs();
        List<String> after = List.of(events.topic("did:plc:alice", "t1", "after the lock was lost", CREATED));
        CountDownLatch gate = new CountDownLatch(1);
        try (LeaderLock lock = db.leaderLock("indexer", Duration.ofSeconds(10));
             FakeJetstream jetstream = FakeJetstream.gated(before, gate, after);
             JetstreamClient client = JetstreamClient.of(jetstream.uri().toString())) {
            assertThat(lock.tryAcquire()).isTrue();
            Indexer indexer = new Indexer(db, FORUM, new IndexerOptions(100, Duration.ofMillis(50)), null, lock);
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    indexer.run(client);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until("the first events committed", () -> Tables.strings(db, CURSOR).equals(List.of(Long.toString(committed))));

            terminateLockSession(db);
            gate.countDown();

            assertThat(running).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(LeadershipLostException.class)
                    .withMessageContaining("lost the leader lock 'indexer' (term 1");
            assertThat(Tables.strings(db, CURSOR)).containsExactly(Long.toString(committed));
            assertThat(Tables.count(db, "posts")).isZero();
        }
    }

    /** The session holding the advisory lock, terminated, and gone once this returns. */
    private static void terminateLockSession(Database db) throws Exception {
        String holders = "FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) " + holders);
        }
        Await.until("the lock session gone", () -> Tables.strings(db, "SELECT count(*) " + holders).equals(List.of("0")));
    }
}
