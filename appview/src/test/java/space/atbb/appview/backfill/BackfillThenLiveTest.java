package space.atbb.appview.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.backfill.TestForum.member;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.io.IOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.indexer.sources.Await;
import space.atbb.appview.indexer.sources.FakeJetstream;
import space.atbb.appview.indexer.sources.JetstreamClient;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.db.Database;
import space.atbb.db.LeaderLock;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

/** What {@code serve} indexes at start: a backfill first when it must, then Jetstream from before the backfill began. */
class BackfillThenLiveTest {
    private FakeNetwork net;
    private TestForum forum;
    /** What the test Jetstream replays from a connection's cursor: the forum's history, and what happens meanwhile. */
    private final List<String> stream = new CopyOnWriteArrayList<>();

    @BeforeEach
    void network() throws IOException {
        net = FakeNetwork.start();
        forum = new TestForum(net).build();
        stream.addAll(forum.history);
    }

    @AfterEach
    void stop() {
        net.close();
    }

    /** The leadership a server takes before it indexes. */
    private static LeaderLock leader(Database db) {
        LeaderLock lock = db.leaderLock("indexer", Duration.ofSeconds(10));
        assertThat(lock.tryAcquire()).isTrue();
        return lock;
    }

    private AppViewConfig config(FakeJetstream jetstream) {
        return AppViewConfig.builder().forumDid(FORUM).plcUrl(net.plcUrl().toString())
                .relayUrl(net.relayUrl().toString()).jetstreamUrl(jetstream.uri().toString()).build();
    }

    @DatabaseTest
    void aRecordUpdatedAndOneDeletedWhileTheBackfillRunsEndUpAsOnTheNetwork(Database db) throws Exception {
        // Once the backfill reads the last member, members 3 and 4 were read already: member 3 edits
        // its topic and member 4 deletes its own, on the network and so on the stream.
        AtomicBoolean changed = new AtomicBoolean();
        net.onListRecords((did, collection) -> {
            if (did.equals(member(TestForum.MEMBERS)) && collection.equals(Nsid.POST) && changed.compareAndSet(false, true)) {
                happen(forum.events.update(member(3), Nsid.POST, "t3", Map.of("title", "Edited", "text",
                        "edited during the backfill", "forum", TestEvents.forumRef(),
                        "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", CREATED)));
                happen(forum.events.delete(member(4), Nsid.POST, "t4"));
            }
        });
        Instant before = Instant.now();
        try (LeaderLock lock = leader(db); FakeJetstream jetstream = FakeJetstream.replaying(stream);
             BackfillThenLive indexing = BackfillThenLive.start(db, config(jetstream), new BackfillRunner(db, Optional.of(FORUM)), lock)) {
            Await.until("the stream followed after the backfill", () -> !jetstream.connections.isEmpty());
            assertThat(changed).isTrue();
            assertThat(Tables.strings(db, "SELECT status FROM backfill_progress")).containsExactly("completed");

            Await.until("the edit and the delete applied from the stream",
                    () -> Tables.post(db, member(3), "t3").getText().equals("edited during the backfill")
                            && Tables.post(db, member(4), "t4").isDeletedByUser());
            // The stream resumed from the backfill's start minus the margin (and the client's rewind).
            long cursor = Long.parseLong(jetstream.connections.get(0).get("cursor").get(0));
            Instant resumed = before.minus(BackfillThenLive.MARGIN).minus(JetstreamClient.REWIND);
            assertThat(cursor).isBetween(micros(resumed), micros(resumed.plusSeconds(30)));
        }
        assertThat(Tables.count(db, "posts")).isEqualTo(TestForum.posts());
    }

    @DatabaseTest
    void followsTheStreamAtOnceAfterACompletedBackfillUnlessTheCursorIsOlderThanTheReplayWindow(Database db)
            throws Exception {
        new BackfillRunner(db, Optional.of(FORUM)).run(BackfillOptions.of(Optional.of(FORUM), net.plcUrl(),
                net.relayUrl(), List.of(), false), snapshot -> { });
        long recent = micros(Instant.now().minus(Duration.ofHours(1)));
        writeCursor(db, recent);
        try (LeaderLock lock = leader(db); FakeJetstream jetstream = FakeJetstream.replaying(stream);
             BackfillThenLive indexing = BackfillThenLive.start(db, config(jetstream), new BackfillRunner(db, Optional.of(FORUM)), lock)) {
            Await.until("the stream followed", () -> !jetstream.connections.isEmpty());
            assertThat(jetstream.connections.get(0).get("cursor"))
                    .containsExactly(Long.toString(recent - micros(Instant.EPOCH.plus(JetstreamClient.REWIND))));
        }
        assertThat(Tables.count(db, "backfill_progress")).isEqualTo(1);

        writeCursor(db, micros(Instant.now().minus(Duration.ofHours(48))));
        Instant before = Instant.now();
        try (LeaderLock lock = leader(db); FakeJetstream jetstream = FakeJetstream.replaying(List.of());
             BackfillThenLive indexing = BackfillThenLive.start(db, config(jetstream), new BackfillRunner(db, Optional.of(FORUM)), lock)) {
            Await.until("the stream followed after a second backfill", () -> !jetstream.connections.isEmpty());
            assertThat(Long.parseLong(jetstream.connections.get(0).get("cursor").get(0)))
                    .isGreaterThanOrEqualTo(micros(before.minus(BackfillThenLive.MARGIN).minus(JetstreamClient.REWIND)));
        }
        assertThat(Tables.strings(db, "SELECT status FROM backfill_progress ORDER BY id"))
                .containsExactly("completed", "completed");
    }

    @DatabaseTest
    void readinessReportsTheNewestBackfill(Database db) {
        try (RunningAppView app = RunningAppView.start(db, FORUM)) {
            assertThat(app.get("/api/healthz/ready").body().path("backfill").path("status").asText()).isEqualTo("none");
            new BackfillRunner(db, Optional.of(FORUM)).run(BackfillOptions.of(Optional.of(FORUM), net.plcUrl(),
                    net.relayUrl(), List.of(), false), snapshot -> { });
            RunningAppView.Response ready = app.get("/api/healthz/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body().path("backfill").path("status").asText()).isEqualTo("completed");
            assertThat(ready.body().path("backfill").path("repositoriesDone").asInt()).isEqualTo(TestForum.MEMBERS + 1);
            assertThat(ready.body().path("backfill").path("repositoriesTotal").asInt()).isEqualTo(TestForum.MEMBERS + 1);
        }
    }

    private void happen(String event) {
        forum.publish(event);
        stream.add(event);
    }

    private static void writeCursor(Database db, long cursor) throws Exception {
        try (Connection c = db.connection();
             RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
            w.writeCursor(JetstreamClient.CURSOR_NAME, cursor);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
