package space.atbb.appview.indexer.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.lexicon.Nsid;

class JetstreamClientTest {
    @DatabaseTest
    void reconnectsWithTheCursorOfTheLastEventAndAppliesEachEventOnce(Database db) throws Exception {
        TestEvents events = new TestEvents();
        List<String> first = new ArrayList<>(events.structure());
        first.add(events.topic("did:plc:alice", "t1", "before the drop", CREATED));
        long dropCursor = events.lastTimeUs();
        // A real Jetstream replays from the cursor itself: the event at the cursor comes again.
        List<String> second = List.of(first.get(3), events.reply("did:plc:bob", "r1", "did:plc:alice", "t1", CREATED),
                events.create(FORUM, Nsid.CATEGORY, "c2", Map.of("name", "After", "createdAt", CREATED)));

        Indexer indexer = new Indexer(db, FORUM, new IndexerOptions(2, Duration.ofMillis(50)));
        try (FakeJetstream jetstream = FakeJetstream.groups(List.of(first, second));
             JetstreamClient client = new JetstreamClient(jetstream.uri(), Duration.ofMillis(50), Duration.ofMillis(200))) {
            Thread running = run(indexer, client);
            Await.until("6 events applied", () -> indexer.counters().applied() == 6);
            client.close();
            running.join(5_000);
            assertThat(running.isAlive()).isFalse();

            assertThat(jetstream.connections).hasSizeGreaterThanOrEqualTo(2);
            assertThat(jetstream.connections.get(0)).containsEntry("wantedCollections", List.of("space.atbb.*"))
                    .doesNotContainKey("cursor");
            assertThat(jetstream.connections.get(1)).containsEntry("cursor", List.of(Long.toString(dropCursor)));
        }
        assertThat(indexer.counters().skipped(SkipReason.ALREADY_APPLIED)).isEqualTo(1);
        assertThat(Tables.count(db, "posts")).isEqualTo(2);
        assertThat(Tables.post(db, "did:plc:bob", "r1").getRootPostId()).isNotNull();
        assertThat(indexer.cursor(JetstreamClient.CURSOR_NAME)).hasValue(events.lastTimeUs());
    }

    @DatabaseTest
    void startsFromTheStoredCursor(Database db) throws Exception {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply(JetstreamClient.CURSOR_NAME, events.structure());
        long stored = events.lastTimeUs();
        List<String> live = List.of(events.topic("did:plc:alice", "t1", "live", CREATED));

        try (FakeJetstream jetstream = FakeJetstream.groups(List.of(live));
             JetstreamClient client = new JetstreamClient(jetstream.uri(), Duration.ofMillis(50), Duration.ofMillis(200))) {
            Thread running = run(indexer, client);
            Await.until("4 events applied", () -> indexer.counters().applied() == 4);
            client.close();
            running.join(5_000);
            assertThat(jetstream.connections.get(0)).containsEntry("cursor", List.of(Long.toString(stored)));
        }
        assertThat(Tables.post(db, "did:plc:alice", "t1").getText()).isEqualTo("live");
    }

    @Test
    void refusesAMissingOrNonWebSocketUrlWithAHint() {
        assertThatThrownBy(() -> JetstreamClient.of(null))
                .hasMessageContaining("JETSTREAM_URL is not set");
        assertThatThrownBy(() -> JetstreamClient.of("https://example.com"))
                .hasMessageContaining("ws:// or wss://");
    }

    /** A URI's scheme is case-insensitive (RFC 3986). */
    @Test
    void acceptsTheSchemeInAnyCase() {
        try (JetstreamClient client = JetstreamClient.of("WSS://jetstream.example/subscribe")) {
            assertThat(client.subscribeUri()).hasToString("WSS://jetstream.example/subscribe?wantedCollections=space.atbb.*");
        }
    }

    private static Thread run(Indexer indexer, JetstreamClient client) {
        Thread thread = new Thread(() -> {
            try {
                indexer.run(client);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "indexer");
        thread.start();
        return thread;
    }
}
