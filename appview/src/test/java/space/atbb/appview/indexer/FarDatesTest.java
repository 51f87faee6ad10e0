package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;

/**
 * A post dated in year 1 and a reply dated in year 9999 keep their instants from the event through
 * the indexer, the database and the API, on every kind: no Julian-calendar shift on PostgreSQL.
 */
class FarDatesTest {
    private static final String YEAR_ONE = "0001-01-01T00:00:00Z";
    private static final String YEAR_9999 = "9999-12-31T23:59:59.999Z";

    @DatabaseTest
    void keepsYearOneAndYear9999FromEventToApi(Database db) {
        TestEvents events = new TestEvents();
        List<String> batch = new ArrayList<>(events.structure());
        batch.add(events.topic("did:plc:alice", "t1", "an old topic", YEAR_ONE));
        batch.add(events.reply("did:plc:bob", "r1", "did:plc:alice", "t1", YEAR_9999));
        new Indexer(db, FORUM).apply("test", batch);

        var topic = Tables.post(db, "did:plc:alice", "t1");
        assertThat(topic.getCreatedAt()).isEqualTo(Instant.parse(YEAR_ONE));
        assertThat(topic.getLastActivityAt()).isEqualTo(Instant.parse(YEAR_9999));
        assertThat(Tables.post(db, "did:plc:bob", "r1").getCreatedAt()).isEqualTo(Instant.parse(YEAR_9999));

        try (RunningAppView app = RunningAppView.start(db, FORUM)) {
            RunningAppView.Response thread = app.get("/api/topics/" + topic.getId());
            assertThat(thread.status()).as(thread.body().toString()).isEqualTo(200);
            assertThat(Instant.parse(thread.body().path("topic").path("createdAt").asText()))
                    .isEqualTo(Instant.parse(YEAR_ONE));
            assertThat(Instant.parse(thread.body().path("replies").path(0).path("createdAt").asText()))
                    .isEqualTo(Instant.parse(YEAR_9999));
        }
    }
}
