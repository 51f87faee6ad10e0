package space.atbb.appview.forum;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.metrics.ServerMetrics;
import space.atbb.appview.server.AppView;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.appview.testing.TestReplica;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * The public reads on a real PostgreSQL streaming replica ({@code scripts/test-replica}), the
 * writes on the primary. Replicas exist on PostgreSQL only.
 */
class ReadReplicaTest {
    private static final String FORUM = TestEvents.FORUM;
    private static final Duration REPLAY_WAIT = Duration.ofSeconds(60);

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void readsComeFromTheReplicaAndFromThePrimaryWhileItIsDown(Database db) throws SQLException {
        DatabaseUrl replicaUrl = replicaOf(db);
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", List.of(events.structure().get(0), events.structure().get(1), events.structure().get(2),
                events.topic("did:plc:alice", "t1", "first", TestEvents.CREATED)));
        long board = db.inTransaction(s -> s.createSelectionQuery("select id from Board", Long.class).getSingleResult());
        String topics = "/api/boards/" + board + "/topics";
        AppViewConfig config = AppViewConfig.builder().databaseUrl(db.url().toString())
                .databaseReadUrl(replicaUrl.toString()).forumDid(FORUM).build();

        try (ReadDatabase reads = ReadDatabase.open(db, config.databaseReadUrl());
             RunningAppView app = RunningAppView.start(new AppView(db, config, reads, new ServerMetrics()))) {
            // The post indexed on the primary appears through the replica once it is replayed.
            await("the replica to answer and replay the first topic", () -> reads.check() == ReadDatabase.ReplicaState.OK
                    && topicCount(app, topics) == 1);
            Response ready = app.get("/api/healthz/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().path("readReplica").asText()).isEqualTo("ok");

            // With replay paused, a post on the primary stays out of the reads: they go to the replica.
            try (Database replicaAdmin = Databases.create(replicaUrl)) {
                execute(replicaAdmin, "SELECT pg_wal_replay_pause()");
                try {
                    indexer.apply("test", List.of(events.topic("did:plc:bob", "t2", "second", TestEvents.CREATED)));
                    assertThat(topicCount(app, topics)).isEqualTo(1);
                } finally {
                    execute(replicaAdmin, "SELECT pg_wal_replay_resume()");
                }
            }
            await("the replica to replay the second topic", () -> topicCount(app, topics) == 2);

            TestReplica.stop();
            try {
                indexer.apply("test", List.of(events.topic("did:plc:carol", "t3", "third", TestEvents.CREATED)));
                assertThat(topicCount(app, topics)).as("read from the primary").isEqualTo(3);
                assertThat(app.page("/boards/" + board).body()).contains("Topic t3");
                Response down = app.get("/api/healthz/ready");
                assertThat(down.status()).isEqualTo(200);
                assertThat(down.body().path("readReplica").asText()).isEqualTo("unreachable (reading from the primary)");
                assertThat(down.body().path("status").asText()).isEqualTo("ok");
            } finally {
                TestReplica.start();
            }
            // Back up, the replica serves the reads again, caught up.
            await("the replica to answer again", () -> reads.check() == ReadDatabase.ReplicaState.OK
                    && topicCount(app, topics) == 3);
        }
    }

    /** The test's database on the replica, which streams from the server the fixture gave the test. */
    private static DatabaseUrl replicaOf(Database db) throws SQLException {
        URI primary = URI.create(db.url().jdbcUrl().substring("jdbc:".length()));
        URI replicaAdmin = URI.create(DatabaseUrl.parse(TestReplica.adminUrl()).jdbcUrl().substring("jdbc:".length()));
        try (Database admin = Databases.create(TestReplica.adminUrl()); Connection c = admin.connection();
             Statement statement = c.createStatement();
             ResultSet upstream = statement.executeQuery("SELECT sender_host, sender_port FROM pg_stat_wal_receiver")) {
            assertThat(upstream.next()).as("the replica at " + replicaAdmin + " streams from a primary").isTrue();
            assertThat(upstream.getInt(2)).as("the replica streams from the tests' PostgreSQL (" + primary + "): run"
                    + " the tests with ATBB_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres")
                    .isEqualTo(primary.getPort());
        }
        return DatabaseUrl.parse("postgresql://postgres@" + replicaAdmin.getHost() + ":" + replicaAdmin.getPort()
                + primary.getPath());
    }

    private static int topicCount(RunningAppView app, String path) {
        Response response = app.get(path);
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body().path("topics").size();
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + REPLAY_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + REPLAY_WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
