package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.db.Database;
import space.atbb.db.permissions.Permissions;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

/** Account and identity events, and moderation that expires, as the HTTP read API shows them. */
class AccountLifecycleTest {
    private static final String ALICE = "did:plc:alice";
    private static final String BOB = "did:plc:bob";
    private static final String CAROL = "did:plc:carol";
    private static final String MANAGE_ROLES = "space.atbb.permission.manageRoles";

    private final TestEvents events = new TestEvents();

    /** alice's topic t1 and her reply ra in bob's topic t2; carol answers alice's reply. */
    private List<String> forum() {
        List<String> lines = new ArrayList<>(events.structure());
        lines.add(events.role("admin", "Admin", 0, "*"));
        lines.add(events.membership(ALICE));
        lines.add(events.membership(BOB));
        lines.add(events.grant("g1", ALICE, "admin", CREATED));
        lines.add(events.topic(ALICE, "t1", "hello from alice", "2026-11-22T10:01:00.000Z"));
        lines.add(events.topic(BOB, "t2", "hello from bob", "2026-11-22T10:02:00.000Z"));
        lines.add(events.reply(ALICE, "ra", BOB, "t2", "2026-11-22T10:03:00.000Z"));
        lines.add(events.create(CAROL, Nsid.POST, "rc", Map.of("text", "carol answers alice", "forum",
                TestEvents.forumRef(), "reply", Map.of("root", TestEvents.ref(BOB, Nsid.POST, "t2"),
                        "parent", TestEvents.ref(ALICE, Nsid.POST, "ra")), "createdAt", "2026-11-22T10:04:00.000Z")));
        lines.add(events.identity(ALICE, "Alice.Example"));
        return lines;
    }

    @DatabaseTest
    void anAccountTakenDownIsHiddenUntilItIsActiveAgainAndItsHandleFollowsIdentityEvents(Database db) {
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("jetstream", forum());
        Permissions permissions = new Permissions(db);
        try (RunningAppView app = RunningAppView.start(db, FORUM)) {
            JsonNode t1 = topicByText(app, "hello from alice");
            assertThat(t1.path("author").path("did").asText()).isEqualTo(ALICE);
            assertThat(t1.path("author").path("handle").asText()).isEqualTo("alice.example");
            assertThat(replyTexts(app)).containsExactly("reply ra", "carol answers alice");
            assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).isTrue();

            for (String status : List.of("takendown", "suspended", "deactivated")) {
                indexer.apply("jetstream", List.of(events.account(ALICE, status)));
                assertThat(topicTexts(app)).as(status).containsExactly("hello from bob");
                assertThat(replyTexts(app)).as(status).containsExactly("carol answers alice");
                assertThat(app.get("/api/topics/" + Tables.post(db, ALICE, "t1").getId()).status()).isEqualTo(404);
                assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).as(status).isFalse();
                assertThat(permissions.getUserRole(FORUM, ALICE)).as(status).isEmpty();

                indexer.apply("jetstream", List.of(events.account(ALICE, null)));
                assertThat(topicTexts(app)).containsExactly("hello from bob", "hello from alice");
                assertThat(replyTexts(app)).containsExactly("reply ra", "carol answers alice");
                assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).isTrue();
            }

            indexer.apply("jetstream", List.of(events.identity(ALICE, "alice.new")));
            assertThat(topicByText(app, "hello from alice").path("author").path("handle").asText()).isEqualTo("alice.new");
            // No identity event for bob yet: the API shows his DID where a handle would be.
            assertThat(topicByText(app, "hello from bob").path("author").path("handle").asText()).isEqualTo(BOB);
        }
        assertThat(indexer.counters().skippedByReason()).isEmpty();
    }

    @DatabaseTest
    void aDeletedAccountLosesItsRecordsWhileTheRepliesOfOthersKeepTheirThread(Database db) {
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("jetstream", forum());
        long aliceReply = Tables.post(db, ALICE, "ra").getId();
        indexer.apply("jetstream", List.of(events.account(ALICE, "deleted")));

        try (RunningAppView app = RunningAppView.start(db, FORUM)) {
            assertThat(topicTexts(app)).containsExactly("hello from bob");
            JsonNode thread = app.get("/api/topics/" + Tables.post(db, BOB, "t2").getId()).body();
            assertThat(thread.path("replies")).hasSize(1);
            assertThat(thread.path("replies").get(0).path("text").asText()).isEqualTo("carol answers alice");
            assertThat(thread.path("replies").get(0).path("parentId").asText()).isEqualTo(Long.toString(aliceReply));
        }
        assertThat(Tables.strings(db, "SELECT text FROM posts WHERE did = '" + ALICE + "' ORDER BY rkey"))
                .containsExactly("", "");
        assertThat(Tables.strings(db, "SELECT title FROM posts WHERE did = '" + ALICE + "' AND title IS NOT NULL")).isEmpty();
        assertThat(Tables.count(db, "memberships")).isEqualTo(1); // bob's
        assertThat(Tables.strings(db, "SELECT account_status FROM users WHERE did = '" + ALICE + "'"))
                .containsExactly("deleted");
        assertThat(new Permissions(db).checkPermission(FORUM, ALICE, MANAGE_ROLES)).isFalse();
    }

    @DatabaseTest
    void badAccountAndIdentityEventsAreSkippedAndCounted(Database db) {
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("jetstream", List.of(events.account(ALICE, "sleeping"),
                events.identity(ALICE, "not a handle"),
                "{\"did\":\"did:plc:alice\",\"time_us\":" + (events.lastTimeUs() + 1)
                        + ",\"kind\":\"account\",\"account\":{\"did\":\"did:plc:bob\",\"active\":true}}"));
        assertThat(indexer.counters().skippedByReason()).isEqualTo(Map.of(SkipReason.INVALID_FIELD, 3L));
        assertThat(Tables.strings(db, "SELECT did FROM users WHERE account_status IS NOT NULL OR handle IS NOT NULL"))
                .isEmpty();
    }

    @DatabaseTest
    void aModerationActionHidesUntilItsExpiresAtWithoutAnotherEvent(Database db) throws InterruptedException {
        Indexer indexer = new Indexer(db, FORUM);
        List<String> lines = new ArrayList<>(forum());
        Instant end = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        lines.add(events.create(FORUM, Nsid.MOD_ACTION, "ban1", Map.of("action", "ban", "subject", Map.of("did", BOB),
                "expiresAt", end.toString(), "createdAt", CREATED)));
        lines.add(events.create(FORUM, Nsid.MOD_ACTION, "hide-old", Map.of("action", "hide",
                "subject", Map.of("post", TestEvents.ref(ALICE, Nsid.POST, "t1")),
                "expiresAt", "2026-01-01T00:00:00.000Z", "createdAt", CREATED)));
        indexer.apply("jetstream", lines);

        try (RunningAppView app = RunningAppView.start(db, FORUM)) {
            // The hide of t1 expired long ago; the ban of bob stands until its end.
            assertThat(topicTexts(app)).containsExactly("hello from alice");
            while (Instant.now().isBefore(end.plusMillis(50))) {
                Thread.sleep(100);
            }
            assertThat(topicTexts(app)).containsExactly("hello from bob", "hello from alice");
            // A ban without an end beside the expired one hides again.
            indexer.apply("jetstream", List.of(events.modAction("ban2", "ban", Map.of("did", BOB))));
            assertThat(topicTexts(app)).containsExactly("hello from alice");
        }
    }

    private JsonNode topics(RunningAppView app) {
        RunningAppView.Response boards = app.get("/api/categories");
        long category = boards.body().get(0).path("id").asLong();
        long board = app.get("/api/categories/" + category + "/boards").body().get(0).path("id").asLong();
        RunningAppView.Response topics = app.get("/api/boards/" + board + "/topics");
        assertThat(topics.status()).as(topics.body().toString()).isEqualTo(200);
        return topics.body().path("topics");
    }

    private List<String> topicTexts(RunningAppView app) {
        List<String> texts = new ArrayList<>();
        topics(app).forEach(t -> texts.add(t.path("text").asText()));
        return texts;
    }

    private JsonNode topicByText(RunningAppView app, String text) {
        for (JsonNode topic : topics(app)) {
            if (topic.path("text").asText().equals(text)) {
                return topic;
            }
        }
        throw new AssertionError("no topic " + text + " in " + topics(app));
    }

    /** The replies of bob's topic t2. */
    private List<String> replyTexts(RunningAppView app) {
        long t2 = topicByText(app, "hello from bob").path("id").asLong();
        List<String> texts = new ArrayList<>();
        app.get("/api/topics/" + t2).body().path("replies").forEach(r -> texts.add(r.path("text").asText()));
        return texts;
    }
}
