package space.atbb.appview.indexer.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.RefusingTrigger;
import space.atbb.appview.indexer.event.SkipReason;

class LiveIndexingTest {
    private static final String ALICE = "did:plc:alice";
    private static final String CURSOR = "SELECT cursor FROM firehose_cursor WHERE service = '" + JetstreamClient.CURSOR_NAME + "'";

    @DatabaseTest
    void retriesThroughADatabaseOutageAndResumesFromTheCommittedCursor(Database db) throws Exception {
        TestEvents events = new TestEvents();
        List<String> stream = new ArrayList<>(events.structure());
        long committed = events.lastTimeUs();
        stream.add(events.topic(ALICE, "t1", "during the outage", CREATED));
        stream.add(events.reply("did:plc:bob", "r1", ALICE, "t1", CREATED));
        stream.add(events.topic(ALICE, "t2", "also during it", CREATED));
        Indexer indexer = new Indexer(db, FORUM, new IndexerOptions(2, Duration.ofMillis(50)));
        indexer.apply(JetstreamClient.CURSOR_NAME, stream.subList(0, 3));
        RefusingTrigger.startOutage(db);

        try (FakeJetstream jetstream = FakeJetstream.replaying(stream)) {
            try (LiveIndexing live = live(indexer, jetstream, Duration.ofMillis(50))) {
                Await.until("two retries after failed batches", () -> jetstream.connections.size() >= 3);
                assertThat(Tables.count(db, "posts")).isZero();
                assertThat(Tables.strings(db, CURSOR)).containsExactly(Long.toString(committed));

                RefusingTrigger.endOutage(db);
                Await.until("the stream applied after the outage",
                        () -> Tables.strings(db, CURSOR).equals(List.of(Long.toString(events.lastTimeUs()))));
            }
            assertThat(jetstream.connections).allSatisfy(query ->
                    assertThat(query).containsEntry("cursor", List.of(Long.toString(committed))));
        }
        assertThat(Tables.strings(db, "SELECT rkey FROM posts ORDER BY rkey")).containsExactly("r1", "t1", "t2");
        assertThat(Tables.post(db, "did:plc:bob", "r1").getRootPostId()).isEqualTo(Tables.post(db, ALICE, "t1").getId());
        // Each event applied once: the 3 before the outage, then the 3 after; the replayed one at the cursor skipped.
        assertThat(indexer.counters().applied()).isEqualTo(6);
        assertThat(indexer.counters().skippedByReason()).isEqualTo(Map.of(SkipReason.ALREADY_APPLIED, 1L));
    }

    @DatabaseTest
    void stopsAtOnceWhileWaitingToRetry(Database db) throws Exception {
        TestEvents events = new TestEvents();
        RefusingTrigger.startOutage(db);
        try (FakeJetstream jetstream = FakeJetstream.replaying(events.structure())) {
            LiveIndexing live = live(new Indexer(db, FORUM, new IndexerOptions(2, Duration.ofMillis(50))), jetstream,
                    Duration.ofMinutes(10));
            Await.until("a connection", () -> jetstream.connections.size() == 1);
            Thread.sleep(500); // its first batch fails meanwhile: the next try is 10 minutes away

            long start = System.nanoTime();
            live.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(jetstream.connections).hasSize(1);
        }
        assertThat(Tables.count(db, "forums")).isZero();
    }

    private static LiveIndexing live(Indexer indexer, FakeJetstream jetstream, Duration retryWait) {
        return new LiveIndexing(indexer,
                () -> new JetstreamClient(jetstream.uri(), Duration.ofMillis(50), Duration.ofMillis(200)),
                new Backoff(retryWait, retryWait.multipliedBy(4))).start();
    }
}
