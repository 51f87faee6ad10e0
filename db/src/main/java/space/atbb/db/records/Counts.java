package space.atbb.db.records;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;
import space.atbb.lexicon.AtUri;

/**
 * The counts the pages show, kept as the records change: per topic, its visible replies and the
 * newest one's time and author ({@code posts.reply_count}, {@code last_reply_at},
 * {@code last_reply_did}); per board, its visible topics, those topics with their visible
 * replies, and the newest of their times ({@code boards.topic_count}, {@code post_count},
 * {@code last_activity_at}).
 *
 * <p>Never added to or taken from: whatever a transaction touched (a post written or deleted, a post
 * or a member hidden or shown again, a board that adopts its topics) marks its topic stale, the
 * stale topics mark their boards, and each stale topic and board is counted again from its rows
 * when the writer flushes, once however many events touched it. So the counts are right whatever
 * the order of the events, and a moderation change costs the topics it touches, not the forum.
 * A post that leaves a topic or a board (its record edited to name another) marks the old one
 * before it is written.
 */
final class Counts {
    private static final String VISIBLE_R = "r.banned_by_mod = FALSE AND r.deleted_by_user = FALSE";
    private static final String VISIBLE_T = "t.banned_by_mod = FALSE AND t.deleted_by_user = FALSE";
    /** The topic a post is read in: itself for a topic, its root for a reply (none while the root is missing). */
    private static final String TOPIC_OF = "CASE WHEN root_uri IS NULL THEN id ELSE root_post_id END";

    private static final String LEAVING_TOPIC = """
            UPDATE posts SET counts_stale = TRUE
            WHERE id = (SELECT root_post_id FROM posts WHERE did = ? AND rkey = ?)""";
    private static final String LEAVING_BOARD = """
            UPDATE boards SET counts_stale = TRUE
            WHERE id = (SELECT board_id FROM posts WHERE did = ? AND rkey = ? AND root_uri IS NULL)""";
    private static final String STALE_POST = "UPDATE posts SET counts_stale = TRUE WHERE id IN (SELECT "
            + TOPIC_OF + " FROM posts WHERE did = ? AND rkey = ?)";
    private static final String STALE_MEMBER = "UPDATE posts SET counts_stale = TRUE WHERE id IN (SELECT "
            + TOPIC_OF + " FROM posts WHERE did = ?)";
    private static final String STALE_BOARD = "UPDATE boards SET counts_stale = TRUE WHERE did = ? AND rkey = ?";
    private static final String STALE_BOARDS_OF_STALE_TOPICS = """
            UPDATE boards SET counts_stale = TRUE
            WHERE id IN (SELECT board_id FROM posts WHERE counts_stale = TRUE AND board_id IS NOT NULL)""";
    private static final String REPLIES_OF_TOPIC = "FROM posts r WHERE r.root_post_id = posts.id AND " + VISIBLE_R;
    private static final String RECOUNT_TOPICS = "UPDATE posts SET"
            + " reply_count = (SELECT count(*) " + REPLIES_OF_TOPIC + "),"
            + " last_reply_at = (SELECT max(r.created_at) " + REPLIES_OF_TOPIC + "),"
            + " last_reply_did = (SELECT r.did " + REPLIES_OF_TOPIC + " ORDER BY r.created_at DESC, r.id DESC LIMIT 1),"
            + " counts_stale = FALSE WHERE counts_stale = TRUE";
    private static final String TOPICS_OF_BOARD = "FROM posts t WHERE t.board_id = boards.id AND t.root_uri IS NULL AND "
            + VISIBLE_T;
    private static final String RECOUNT_BOARDS = "UPDATE boards SET"
            + " topic_count = (SELECT count(*) " + TOPICS_OF_BOARD + "),"
            + " post_count = (SELECT count(*) + coalesce(sum(t.reply_count), 0) " + TOPICS_OF_BOARD + "),"
            + " last_activity_at = (SELECT max(CASE WHEN t.last_reply_at > t.created_at THEN t.last_reply_at"
            + " ELSE t.created_at END) " + TOPICS_OF_BOARD + "),"
            + " counts_stale = FALSE WHERE counts_stale = TRUE";
    private static final String ALL_TOPICS_STALE = "UPDATE posts SET counts_stale = TRUE WHERE root_uri IS NULL";
    private static final String ALL_BOARDS_STALE = "UPDATE boards SET counts_stale = TRUE";

    private final Set<AtUri> posts = new LinkedHashSet<>();
    private final Set<String> members = new LinkedHashSet<>();
    private final Set<AtUri> boards = new LinkedHashSet<>();

    /** Before {@code post} is written: the topic and board it is on now, should the write move it. */
    static void leaving(Statements s, AtUri post) throws SQLException {
        s.batch(LEAVING_TOPIC, post.did(), post.rkey()); // before the upsert: first used before it
        s.batch(LEAVING_BOARD, post.did(), post.rkey());
    }

    /** A post written, deleted, hidden or shown again: its topic is counted again. */
    void post(AtUri post) {
        posts.add(post);
    }

    /** A member's posts hidden or shown again (a ban, an account's status). */
    void member(String did) {
        members.add(did);
    }

    /** A board written: the topics that were waiting for it are on it now. */
    void board(AtUri board) {
        boards.add(board);
    }

    /** Every topic and board counted again: for rows written around this API (tests, repairs). */
    static void recountAll(Statements s) throws SQLException {
        s.update(ALL_TOPICS_STALE);
        s.update(ALL_BOARDS_STALE);
        recountStale(s);
    }

    /** Counts again what this transaction touched since the last call; after the writes ran. */
    void recount(Statements s) throws SQLException {
        if (posts.isEmpty() && members.isEmpty() && boards.isEmpty()) {
            return;
        }
        for (AtUri post : posts) {
            s.batch(STALE_POST, post.did(), post.rkey());
        }
        for (String member : members) {
            s.batch(STALE_MEMBER, member);
        }
        for (AtUri board : boards) {
            s.batch(STALE_BOARD, board.did(), board.rkey());
        }
        discard();
        recountStale(s);
    }

    private static void recountStale(Statements s) throws SQLException {
        s.update(STALE_BOARDS_OF_STALE_TOPICS);
        s.update(RECOUNT_TOPICS);
        s.update(RECOUNT_BOARDS);
    }

    /** Forgets what was touched, after a rollback to a savepoint. */
    void discard() {
        posts.clear();
        members.clear();
        boards.clear();
    }
}
