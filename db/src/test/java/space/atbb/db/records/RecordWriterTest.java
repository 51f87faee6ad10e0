package space.atbb.db.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** The one write path of network records, on every dialect. */
class RecordWriterTest {
    private static final String FORUM_DID = "did:plc:forum";
    private static final AtUri FORUM = AtUri.forum(FORUM_DID);
    private static final AtUri CATEGORY = AtUri.of(FORUM_DID, Nsid.CATEGORY, "c1");
    private static final AtUri BOARD = AtUri.of(FORUM_DID, Nsid.BOARD, "b1");
    private static final AtUri TOPIC = AtUri.of("did:plc:alice", Nsid.POST, "t1");
    private static final AtUri REPLY = AtUri.of("did:plc:bob", Nsid.POST, "r1");
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");
    private static final String LAST_ACTIVITY_IS_THE_REPLY = "SELECT count(*) FROM posts t, posts r"
            + " WHERE t.rkey = 't1' AND r.rkey = 'r1' AND t.last_activity_at = r.created_at";

    /** One transaction's writes; each transaction is one batch, with its own indexed_at. */
    @FunctionalInterface
    private interface Writes {
        void to(RecordWriter w) throws SQLException;
    }

    @DatabaseTest
    void aBoardBeforeItsCategoryIsParkedAndGetsItsIdWhenTheCategoryArrives(Database db) throws SQLException {
        List<String> parked = write(db, w -> w.put(board()));

        assertThat(parked).containsExactly(BOARD + ": category " + CATEGORY + " is not indexed yet");
        assertThat(strings(db, "SELECT category_uri || ' ' || coalesce(category_id, 0) FROM boards"))
                .containsExactly(CATEGORY + " 0");

        assertThat(write(db, w -> w.put(category()))).isEmpty();
        assertThat(strings(db, "SELECT count(*) FROM boards b, categories c WHERE b.category_id = c.id")).containsExactly("1");
    }

    @DatabaseTest
    void aHandleCreatesTheUserOrReplacesItsHandleAndTheUsersPostsStillFindIt(Database db) throws SQLException {
        write(db, w -> w.handle("did:plc:alice", "alice.test"));
        assertThat(strings(db, "SELECT did || ' ' || handle FROM users")).containsExactly("did:plc:alice alice.test");

        write(db, w -> {
            w.put(topic());
            w.handle("did:plc:alice", "alice.example");
        });
        assertThat(strings(db, "SELECT did || ' ' || handle FROM users")).containsExactly("did:plc:alice alice.example");
        assertThat(strings(db, "SELECT count(*) FROM posts")).containsExactly("1");
    }

    @DatabaseTest
    void aReplyWrittenBeforeItsTopicInTheSameBatchIsAdoptedByIt(Database db) throws SQLException {
        Instant replied = CREATED.plusSeconds(60);
        List<String> parked = write(db, w -> {
            w.put(category());
            w.put(board());
            w.put(reply(replied));
            w.put(topic());
        });

        assertThat(parked).containsExactly(REPLY + ": root " + TOPIC + ", parent " + TOPIC + " not indexed yet");
        assertThat(strings(db, "SELECT count(*) FROM posts r, posts t WHERE r.rkey = 'r1' AND t.rkey = 't1'"
                + " AND r.root_post_id = t.id AND r.parent_post_id = t.id")).containsExactly("1");
        assertThat(strings(db, "SELECT count(*) FROM users")).containsExactly("2");
        assertThat(strings(db, LAST_ACTIVITY_IS_THE_REPLY)).containsExactly("1");
    }

    @DatabaseTest
    void aReplyOfAnEarlierBatchIsAdoptedWhenItsTopicArrives(Database db) throws SQLException {
        write(db, w -> w.put(reply(CREATED.plusSeconds(60))));
        assertThat(strings(db, "SELECT coalesce(root_post_id, 0) FROM posts")).containsExactly("0");

        assertThat(write(db, w -> w.put(topic())))
                .containsExactly(TOPIC + ": board " + BOARD + " not indexed yet");
        assertThat(strings(db, "SELECT count(*) FROM posts r, posts t WHERE r.rkey = 'r1' AND t.rkey = 't1'"
                + " AND r.root_post_id = t.id")).containsExactly("1");
        assertThat(strings(db, LAST_ACTIVITY_IS_THE_REPLY)).containsExactly("1");
    }

    @DatabaseTest
    void aRoleWrittenAgainReplacesItsPermissionsAndKeepsItsId(Database db) throws SQLException {
        AtUri mod = AtUri.of(FORUM_DID, Nsid.ROLE, "mod");
        write(db, w -> w.put(new RoleRow(mod, "bafy1", "Moderator", null, 20, CREATED, List.of("a", "b", "a"))));
        List<String> firstId = strings(db, "SELECT id FROM roles");

        write(db, w -> w.put(new RoleRow(mod, "bafy2", "Moderators", "They moderate", 15, CREATED, Set.of("c"))));

        assertThat(strings(db, "SELECT id FROM roles")).isEqualTo(firstId);
        assertThat(strings(db, "SELECT name || ' ' || priority || ' ' || cid FROM roles"))
                .containsExactly("Moderators 15 bafy2");
        assertThat(strings(db, "SELECT permission FROM role_permissions")).containsExactly("c");

        write(db, w -> w.delete(mod));
        assertThat(strings(db, "SELECT count(*) FROM role_permissions")).containsExactly("0");
    }

    @DatabaseTest
    void deletingABoardLetsItsTopicsGoAndTheyFindItAgainWhenItComesBack(Database db) throws SQLException {
        write(db, w -> {
            w.put(category());
            w.put(board());
            w.put(topic());
        });

        write(db, w -> w.delete(BOARD));
        assertThat(strings(db, "SELECT board_uri || ' ' || coalesce(board_id, 0) FROM posts"))
                .containsExactly(BOARD + " 0");

        write(db, w -> w.put(board()));
        assertThat(strings(db, "SELECT count(*) FROM posts p, boards b WHERE p.board_id = b.id")).containsExactly("1");
    }

    @DatabaseTest
    void moderationHidesPostsForAsLongAsAnActionStands(Database db) throws SQLException {
        AtUri ban = AtUri.of(FORUM_DID, Nsid.MOD_ACTION, "ban1");
        AtUri hide = AtUri.of(FORUM_DID, Nsid.MOD_ACTION, "hide1");
        write(db, w -> {
            w.put(topic());
            w.put(reply(CREATED));
        });

        write(db, w -> {
            w.put(new ModActionRow(ban, "bafy", ModActionRow.Action.BAN, "did:plc:alice", null, "spam", null, CREATED));
            w.put(new ModActionRow(hide, "bafy", ModActionRow.Action.HIDE, null, REPLY, null, null, CREATED));
        });
        assertThat(hidden(db)).containsExactly("r1 hidden", "t1 hidden");

        write(db, w -> w.delete(ban));
        assertThat(hidden(db)).containsExactly("r1 hidden", "t1 shown");
    }

    @DatabaseTest
    void theNewestStandingGrantShowsInTheMembership(Database db) throws SQLException {
        AtUri membership = AtUri.of("did:plc:alice", Nsid.MEMBERSHIP, "self");
        AtUri grant = AtUri.of(FORUM_DID, Nsid.MEMBER_ROLE, "g1");
        AtUri mod = AtUri.of(FORUM_DID, Nsid.ROLE, "mod");
        write(db, w -> w.put(new MembershipRow(membership, "bafy", FORUM, CREATED)));

        write(db, w -> w.put(new MemberRoleRow(grant, "bafy", "did:plc:alice", mod, CREATED)));
        assertThat(strings(db, "SELECT role_uri FROM memberships")).containsExactly(mod.toString());

        write(db, w -> w.delete(grant));
        assertThat(strings(db, "SELECT coalesce(role_uri, 'none') FROM memberships")).containsExactly("none");
    }

    @DatabaseTest
    void aForumArrivingLateGivesItsRowsTheirForumIdAndTakesItBackWhenDeleted(Database db) throws SQLException {
        write(db, w -> {
            w.put(category());
            w.put(new MembershipRow(AtUri.of("did:plc:alice", Nsid.MEMBERSHIP, "self"), "bafy", FORUM, CREATED));
        });
        assertThat(strings(db, "SELECT count(*) FROM categories WHERE forum_id IS NULL")).containsExactly("1");

        write(db, w -> w.put(new ForumRow(FORUM, "bafy", "Forum", null)));
        assertThat(strings(db, "SELECT count(*) FROM categories c, memberships m, forums f"
                + " WHERE c.forum_id = f.id AND m.forum_id = f.id")).containsExactly("1");

        write(db, w -> w.delete(FORUM));
        assertThat(strings(db, "SELECT count(*) FROM forums")).containsExactly("0");
        assertThat(strings(db, "SELECT count(*) FROM categories c, memberships m"
                + " WHERE c.forum_id IS NULL AND m.forum_id IS NULL")).containsExactly("1");
    }

    @DatabaseTest
    void aDeletedPostStaysMarkedAndTheCursorMovesInTheSameTransaction(Database db) throws SQLException {
        write(db, w -> w.put(topic()));

        write(db, w -> {
            w.delete(TOPIC);
            w.writeCursor("jetstream", 42);
        });

        assertThat(strings(db, "SELECT rkey FROM posts WHERE deleted_by_user")).containsExactly("t1");
        try (Connection c = db.connection()) {
            assertThat(RecordWriter.readCursor(c, "jetstream")).hasValue(42);
            assertThat(RecordWriter.readCursor(c, "file:other.jsonl")).isEmpty();
        }
    }

    @DatabaseTest
    void refusesARecordOfAnotherCollectionThanItsTable(Database db) throws SQLException {
        try (Connection c = db.connection();
             RecordWriter w = new RecordWriter(c, db.dialect(), CREATED, ParkedListener.NONE)) {
            assertThatThrownBy(() -> w.delete(AtUri.of(FORUM_DID, "space.atbb.poll", "p1")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("No table holds space.atbb.poll records (at://did:plc:forum/space.atbb.poll/p1)");
            assertThatThrownBy(() -> w.put(new PostRow(BOARD, "bafy", null, "text", FORUM, BOARD, null, null, CREATED)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("A PostRow holds a space.atbb.post record, not " + BOARD);
        }
        assertThat(strings(db, "SELECT count(*) FROM posts")).containsExactly("0");
    }

    @Test
    void rowsRefuseWhatTheTablesCannotHold() {
        assertThatThrownBy(() -> new PostRow(TOPIC, "bafy", null, "text", FORUM, null, null, null, CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a board (a topic) or both root and parent (a reply)");
        assertThatThrownBy(() -> new ModActionRow(AtUri.of(FORUM_DID, Nsid.MOD_ACTION, "m"), "bafy",
                ModActionRow.Action.BAN, null, TOPIC, null, null, CREATED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a ban names a member (subjectDid)");
        assertThatThrownBy(() -> new RoleRow(AtUri.of(FORUM_DID, Nsid.ROLE, "r"), "bafy", "R", null, 0, CREATED,
                List.of("ok", "no\0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holding a NUL character");
    }

    private static CategoryRow category() {
        return new CategoryRow(CATEGORY, "bafy", new Listing("General", null, "general", 1), CREATED);
    }

    private static BoardRow board() {
        return new BoardRow(BOARD, "bafy", new Listing("Chat", "Anything", null, null), CATEGORY, CREATED);
    }

    private static PostRow topic() {
        return new PostRow(TOPIC, "bafy", "Hello", "First", FORUM, BOARD, null, null, CREATED);
    }

    private static PostRow reply(Instant createdAt) {
        return new PostRow(REPLY, "bafy", null, "Welcome", FORUM, null, TOPIC, TOPIC, createdAt);
    }

    /** Commits {@code writes} as one batch; returns what the writer reported parked. */
    private static List<String> write(Database db, Writes writes) throws SQLException {
        List<String> parked = new ArrayList<>();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(),
                    (record, detail) -> parked.add(record + ": " + detail))) {
                writes.to(w);
                w.flush();
            }
            c.commit();
        }
        return parked;
    }

    private static List<String> hidden(Database db) throws SQLException {
        return strings(db, "SELECT rkey || CASE WHEN banned_by_mod THEN ' hidden' ELSE ' shown' END FROM posts ORDER BY rkey");
    }

    private static List<String> strings(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rows = s.executeQuery()) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
