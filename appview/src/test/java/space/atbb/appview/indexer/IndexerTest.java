package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.lexicon.Nsid;

class IndexerTest {
    private static final String ALICE = "did:plc:alice";
    private static final String BOB = "did:plc:bob";
    private static final String MOD_ROLE = "at://did:plc:forum/space.atbb.forum.role/mod";

    static Path fixture() {
        try {
            return Path.of(IndexerTest.class.getResource("/indexer/small-forum.jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @DatabaseTest
    void indexesASmallForumFromAReplayFile(Database db) throws InterruptedException {
        Indexer indexer = new Indexer(db, FORUM);
        indexer.run(new JsonlEventSource(fixture()));

        assertThat(indexer.counters().applied()).isEqualTo(12);
        assertThat(indexer.counters().skippedByReason()).isEqualTo(Map.of(SkipReason.UNTRUSTED, 3L));
        assertThat(Tables.strings(db, "SELECT name FROM forums")).containsExactly("Small Forum");
        assertThat(Tables.strings(db, "SELECT c.name FROM boards b JOIN categories c ON c.id = b.category_id"))
                .containsExactly("General");
        assertThat(Tables.strings(db, "SELECT permission FROM role_permissions ORDER BY permission")).containsExactly(
                "space.atbb.permission.createPosts", "space.atbb.permission.moderatePosts");
        // The grant arrived before alice's membership; bob's own role field was ignored.
        assertThat(Tables.membership(db, ALICE).getRoleUri()).isEqualTo(MOD_ROLE);
        assertThat(Tables.membership(db, BOB).getRoleUri()).isNull();
        assertThat(Tables.membership(db, BOB).getForumId()).isNotNull();

        var topic = Tables.post(db, ALICE, "t1");
        var reply = Tables.post(db, ALICE, "r2");
        assertThat(topic.getBoardId()).isNotNull();
        assertThat(topic.getLastActivityAt()).isEqualTo(Instant.parse("2026-11-22T10:09:00Z"));
        assertThat(reply.getRootPostId()).isEqualTo(topic.getId());
        assertThat(reply.getParentPostId()).isEqualTo(Tables.post(db, BOB, "r1").getId());
        assertThat(Tables.post(db, BOB, "t2").isBannedByMod()).isTrue();
        assertThat(topic.isBannedByMod()).isFalse(); // bob's ban of alice is not the forum's
        assertThat(Tables.strings(db, "SELECT cursor FROM firehose_cursor WHERE service = 'file:small-forum.jsonl'"))
                .containsExactly("1732270000015000");
    }

    @DatabaseTest
    void aReplayClosesItsFile(Database db) throws IOException {
        Path fd = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fd), "needs /proc to list this process's open files");
        Path file = fixture().toRealPath();
        // Counted before and after: other tests of this JVM may have left the same file open.
        long before = openHandles(fd, file);

        new Indexer(db, FORUM).replay(new JsonlEventSource(file));

        assertThat(openHandles(fd, file)).isLessThanOrEqualTo(before);
    }

    private static long openHandles(Path fd, Path file) throws IOException {
        try (Stream<Path> open = Files.list(fd)) {
            return open.map(IndexerTest::target).filter(file::equals).count();
        }
    }

    private static Path target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor);
        } catch (IOException closedMeanwhile) {
            return descriptor;
        }
    }

    @DatabaseTest
    void untrustedRecordsLeaveNoTrace(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", events.structure());
        indexer.apply("test", List.of(
                events.create(BOB, Nsid.FORUM, "self", Map.of("name", "Bob's forum", "createdAt", CREATED)),
                events.create(BOB, Nsid.BOARD, "b9", Map.of("name", "x", "category",
                        TestEvents.ref(FORUM, Nsid.CATEGORY, "c1"), "createdAt", CREATED)),
                events.create(BOB, Nsid.ROLE, "admin", Map.of("name", "Admin", "permissions", List.of("*"),
                        "priority", 0, "createdAt", CREATED)),
                events.delete(BOB, Nsid.CATEGORY, "c1"),
                events.membership(BOB),
                events.create(FORUM, Nsid.MEMBER_ROLE, "g", Map.of("subject", BOB,
                        "role", TestEvents.ref(BOB, Nsid.ROLE, "admin"), "createdAt", CREATED))));

        assertThat(indexer.counters().skipped(SkipReason.UNTRUSTED)).isEqualTo(4);
        assertThat(indexer.counters().skipped(SkipReason.INVALID_FIELD)).isEqualTo(1); // a grant of bob's role
        assertThat(Tables.count(db, "forums")).isEqualTo(1);
        assertThat(Tables.count(db, "boards")).isEqualTo(1);
        assertThat(Tables.count(db, "categories")).isEqualTo(1);
        assertThat(Tables.count(db, "roles")).isZero();
        assertThat(Tables.membership(db, BOB).getRoleUri()).isNull();
    }

    @DatabaseTest
    void skipsMalformedEventsAndKeepsTheGoodOnesOfTheirBatch(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", events.structure());
        String emoji = "\uD83E\uDDF5"; // one character, two UTF-16 units
        List<String> batch = List.of(
                "{not json",
                "[1, 2]",
                events.topic(ALICE, "ok1", "fine", CREATED),
                events.create(ALICE, Nsid.POST, "long", Map.of("text", "x".repeat(3001), "forum",
                        TestEvents.forumRef(), "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", CREATED)),
                events.topic(ALICE, "emoji", emoji.repeat(3000), CREATED),
                events.topic(ALICE, "nul", "a\u0000b", CREATED),
                events.create(ALICE, Nsid.POST, "notext", Map.of("forum", TestEvents.forumRef(), "createdAt", CREATED)),
                events.create(ALICE, Nsid.POST, "badtext", Map.of("text", 42, "forum", TestEvents.forumRef(),
                        "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", CREATED)),
                events.create(ALICE, Nsid.POST, "baddate", Map.of("text", "t", "forum", TestEvents.forumRef(),
                        "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", "yesterday")),
                events.create(ALICE, "space.atbb.unknownThing", "u", Map.of("x", 1)),
                events.create(ALICE, "app.bsky.feed.post", "bsky", Map.of("text", "not ours")),
                events.create(ALICE, Nsid.POST, "elsewhere", Map.of("text", "t", "createdAt", CREATED,
                        "forum", TestEvents.ref("did:plc:other", Nsid.FORUM, "self"),
                        "board", TestEvents.ref("did:plc:other", Nsid.BOARD, "b1"))),
                "{\"did\":\"did:plc:alice\",\"time_us\":\"soon\",\"kind\":\"commit\"}",
                events.topic(ALICE, "ok2", "also fine", CREATED),
                "{\"did\":\"did:plc:alice\",\"time_us\":1900000000000000,\"kind\":\"identity\"}");
        indexer.apply("test", batch);

        assertThat(Tables.strings(db, "SELECT rkey FROM posts ORDER BY rkey")).containsExactly("emoji", "ok1", "ok2");
        assertThat(indexer.counters().skippedByReason()).isEqualTo(Map.of(
                SkipReason.BAD_JSON, 2L,
                SkipReason.TEXT_TOO_LONG, 1L,
                SkipReason.NUL_CHARACTER, 1L,
                SkipReason.INVALID_FIELD, 4L,
                SkipReason.UNKNOWN_COLLECTION, 1L,
                SkipReason.OTHER_FORUM, 1L,
                SkipReason.IGNORED, 2L));
    }

    /** Record addresses and DIDs are read by the lexicon's rules; a bad one costs only its own event. */
    @DatabaseTest
    void refusesBadRecordAddressesAndDidsByTheLexiconRules(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", events.structure());
        Map<String, Object> noCid = Map.of("uri", "at://" + FORUM + "/" + Nsid.BOARD + "/b1", "cid", "");
        Map<String, Object> notAnAddress = Map.of("uri", "at://" + FORUM + "/" + Nsid.BOARD, "cid", "bafy");
        indexer.apply("test", List.of(
                events.topic(ALICE, "a/b", "an rkey holding a slash", CREATED),
                events.topic("did:plc:", "t1", "an empty DID", CREATED),
                events.topic("did:PLC:alice", "t2", "an upper-case method", CREATED),
                events.create(ALICE, Nsid.POST, "nocid", Map.of("text", "t", "forum", TestEvents.forumRef(),
                        "board", noCid, "createdAt", CREATED)),
                events.create(ALICE, Nsid.POST, "short", Map.of("text", "t", "forum", TestEvents.forumRef(),
                        "board", notAnAddress, "createdAt", CREATED)),
                events.create(FORUM, Nsid.MEMBER_ROLE, "g1", Map.of("subject", "alice",
                        "role", TestEvents.ref(FORUM, Nsid.ROLE, "mod"), "createdAt", CREATED)),
                events.topic("did:web:example.com", "web", "a did:web author", CREATED)));

        assertThat(Tables.strings(db, "SELECT did || ' ' || rkey FROM posts")).containsExactly("did:web:example.com web");
        assertThat(Tables.count(db, "member_roles")).isZero();
        assertThat(indexer.counters().skippedByReason()).isEqualTo(Map.of(SkipReason.INVALID_FIELD, 6L));
    }

    @DatabaseTest
    void anEventTheDatabaseRefusesCostsOnlyItself(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", events.structure());
        RefusingTrigger.install(db, "refused");

        indexer.apply("test", List.of(events.topic(ALICE, "p1", "kept", CREATED),
                events.topic(ALICE, "p2", "refused", CREATED),
                events.topic(BOB, "p3", "kept too", CREATED)));

        assertThat(Tables.strings(db, "SELECT rkey FROM posts ORDER BY rkey")).containsExactly("p1", "p3");
        assertThat(indexer.counters().skipped(SkipReason.DATABASE_ERROR)).isEqualTo(1);
        assertThat(indexer.cursor("test")).hasValue(events.lastTimeUs());
    }

    @DatabaseTest
    void applyingEventsTwiceChangesNothing(Database db) throws Exception {
        new Indexer(db, FORUM).run(new JsonlEventSource(fixture()));
        List<String> before = snapshot(db);

        // Under another cursor name nothing is skipped: every event is applied a second time.
        Indexer again = new Indexer(db, FORUM, IndexerOptions.DEFAULTS.withBatchSize(4));
        again.apply("again", java.nio.file.Files.readAllLines(fixture()));
        assertThat(again.counters().applied()).isEqualTo(12);
        assertThat(snapshot(db)).isEqualTo(before);
    }

    @DatabaseTest
    void resumesAfterTheStoredCursor(Database db) throws Exception {
        Path file = Path.of(System.getProperty("java.io.tmpdir")).resolve("atbb-resume-" + System.nanoTime() + ".jsonl");
        List<String> all = java.nio.file.Files.readAllLines(fixture());
        try {
            java.nio.file.Files.write(file, all.subList(0, 7));
            Indexer first = new Indexer(db, FORUM, IndexerOptions.DEFAULTS.withBatchSize(3));
            first.run(new JsonlEventSource(file));
            assertThat(first.counters().applied()).isEqualTo(7);

            java.nio.file.Files.write(file, all);
            Indexer second = new Indexer(db, FORUM, IndexerOptions.DEFAULTS.withBatchSize(3));
            second.run(new JsonlEventSource(file));
            assertThat(second.counters().skipped(SkipReason.ALREADY_APPLIED)).isEqualTo(7);
            assertThat(second.counters().applied()).isEqualTo(5);
            assertThat(second.cursor("file:" + file.getFileName())).hasValue(1732270000015000L);
            assertThat(Tables.count(db, "posts")).isEqualTo(4);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @DatabaseTest
    void moderationIsComputedFromTheActionsThatRemain(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", events.structure());
        indexer.apply("test", List.of(events.topic(BOB, "p1", "one", CREATED), events.topic(BOB, "p2", "two", CREATED),
                events.modAction("ban", "ban", Map.of("did", BOB)),
                events.modAction("hide", "hide", Map.of("post", TestEvents.ref(BOB, Nsid.POST, "p1"))),
                events.topic(BOB, "p3", "posted while banned", CREATED)));
        assertThat(hidden(db, "p1", "p2", "p3")).containsExactly(true, true, true);

        indexer.apply("test", List.of(events.delete(FORUM, Nsid.MOD_ACTION, "ban")));
        assertThat(hidden(db, "p1", "p2", "p3")).containsExactly(true, false, false);

        indexer.apply("test", List.of(events.delete(FORUM, Nsid.MOD_ACTION, "hide"),
                events.delete(BOB, Nsid.POST, "p2")));
        assertThat(hidden(db, "p1", "p2", "p3")).containsExactly(false, false, false);
        assertThat(Tables.post(db, BOB, "p2").isDeletedByUser()).isTrue();
    }

    @DatabaseTest
    void aRoleRecordReplacesItsPermissionsAndGrantsFollowTheirRecords(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        String odd = "Space.Atbb.Permission.createPosts "; // data: kept byte for byte
        indexer.apply("test", List.of(
                events.create(FORUM, Nsid.ROLE, "mod", Map.of("name", "Mod", "priority", 5, "createdAt", CREATED,
                        "permissions", List.of("space.atbb.permission.banUsers", "*"))),
                events.membership(ALICE),
                events.create(FORUM, Nsid.MEMBER_ROLE, "g1", Map.of("subject", ALICE,
                        "role", TestEvents.ref(FORUM, Nsid.ROLE, "mod"), "createdAt", CREATED)),
                events.update(FORUM, Nsid.ROLE, "mod", Map.of("name", "Mod", "priority", 5, "createdAt", CREATED,
                        "permissions", List.of(odd, odd)))));
        assertThat(Tables.strings(db, "SELECT permission FROM role_permissions")).containsExactly(odd);
        assertThat(Tables.membership(db, ALICE).getRoleUri()).isEqualTo(MOD_ROLE);

        indexer.apply("test", List.of(events.delete(FORUM, Nsid.MEMBER_ROLE, "g1")));
        assertThat(Tables.membership(db, ALICE).getRoleUri()).isNull();
    }

    @DatabaseTest
    void parksReferencesToRecordsNotSeenYetAndResolvesThemWhenTheyArrive(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        indexer.apply("test", List.of(events.create(FORUM, Nsid.FORUM, "self", Map.of("name", "F", "createdAt", CREATED))));
        indexer.apply("test", List.of(
                events.reply(BOB, "r1", ALICE, "t1", "2026-11-22T11:00:00Z"),
                events.topic(ALICE, "t1", "late topic, board not seen", "2026-11-22T10:00:00Z")));
        assertThat(indexer.counters().parked()).isEqualTo(2);
        assertThat(Tables.post(db, BOB, "r1").getRootPostId()).isEqualTo(Tables.post(db, ALICE, "t1").getId());
        assertThat(Tables.post(db, ALICE, "t1").getLastActivityAt()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(Tables.post(db, ALICE, "t1").getBoardId()).isNull();

        indexer.apply("test", List.of(events.create(FORUM, Nsid.CATEGORY, "c1", Map.of("name", "C", "createdAt", CREATED)),
                events.board("b1", "c1"),
                events.reply(BOB, "r2", ALICE, "t1", "2026-11-22T12:00:00Z")));
        assertThat(Tables.post(db, ALICE, "t1").getBoardId()).isNotNull();
        assertThat(Tables.post(db, BOB, "r2").getRootPostId()).isEqualTo(Tables.post(db, ALICE, "t1").getId());
        assertThat(Tables.post(db, ALICE, "t1").getLastActivityAt()).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(indexer.counters().parked()).isEqualTo(2);
    }

    @DatabaseTest
    void aReplyParkedInAnEarlierBatchIsAdoptedByItsTopicAfterARestart(Database db) {
        TestEvents events = new TestEvents();
        Indexer first = new Indexer(db, FORUM);
        first.apply("test", List.of(events.create(FORUM, Nsid.FORUM, "self", Map.of("name", "F", "createdAt", CREATED)),
                events.reply(BOB, "r1", ALICE, "t1", "2026-11-22T11:00:00Z")));
        assertThat(first.counters().parked()).isEqualTo(1);

        // A new indexer learns from the database which posts replies wait for.
        new Indexer(db, FORUM).apply("test", List.of(
                events.topic(ALICE, "t0", "nobody waits for this one", "2026-11-22T09:00:00Z"),
                events.topic(ALICE, "t1", "the awaited topic", "2026-11-22T10:00:00Z")));
        long topic = Tables.post(db, ALICE, "t1").getId();
        assertThat(Tables.post(db, BOB, "r1").getRootPostId()).isEqualTo(topic);
        assertThat(Tables.post(db, BOB, "r1").getParentPostId()).isEqualTo(topic);
        assertThat(Tables.post(db, ALICE, "t1").getLastActivityAt()).isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
        assertThat(Tables.post(db, ALICE, "t0").getLastActivityAt()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
    }

    private static List<Boolean> hidden(Database db, String... rkeys) {
        return java.util.Arrays.stream(rkeys).map(rkey -> Tables.post(db, BOB, rkey).isBannedByMod()).toList();
    }

    private static List<String> snapshot(Database db) {
        return Tables.strings(db, "SELECT p.id || ' ' || p.did || ' ' || p.rkey || ' ' || p.cid || ' ' || p.text || ' '"
                + " || coalesce(p.root_post_id, 0) || ' ' || coalesce(p.board_id, 0) FROM posts p"
                + " UNION ALL SELECT 'm ' || m.id || ' ' || m.did || ' ' || coalesce(m.role_uri, '') FROM memberships m"
                + " UNION ALL SELECT 'r ' || role_id || ' ' || permission FROM role_permissions"
                + " UNION ALL SELECT 'c ' || id || ' ' || name FROM categories"
                + " UNION ALL SELECT 'a ' || id || ' ' || action FROM mod_actions ORDER BY 1");
    }
}
