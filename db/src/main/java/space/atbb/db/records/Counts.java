package space.atbb.db.records;

import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import space.atbb.lexicon.AtUri;

/**
 * The counts the pages show, kept as the records change: per topic, its visible replies and the
 * newest one's time and author ({@code posts.reply_count}, {@code last_reply_at},
 * {@code last_reply_did}); per board, its visible topics, those topics with their visible
 * replies, and the newest of their times ({@code boards.topic_count}, {@code post_count},
 * {@code last_activity_at}).
 *
 * <p>Never added to or taken from: each topic and board a transaction touched is counted again
 * from its rows when the writer flushes, once however many events touched it. A post written,
 * deleted, hidden or shown again has its topic counted by key and its board marked stale; a member
 * hidden or shown again, a board that adopts its topics, or a post that leaves a topic or a board
 * (its record edited to name another; marked before it is written) marks topics stale, and the
 * stale topics mark their boards. So the counts are right whatever the order of the events, and a
 * moderation change costs the topics it touches, not the forum. The recount of a topic also moves
 * its last activity forward to its newest reply written: a flush rewrites each touched topic row once.
 */
final class Counts {
    /**
     * The read API's rule (space.atbb.db.schema.Visibility) at the time of the writer's flush: a
     * post hidden until a time still ahead is not counted; once that time has passed, the next
     * flush clears it ({@link #EXPIRED}) and counts the post again.
     */
    private static final String VISIBLE_R = visible("r");
    private static final String VISIBLE_T = visible("t");
    /** The topic a post is read in: itself for a topic, its root for a reply (none while the root is missing). */
    private static final String TOPIC_OF = "CASE WHEN root_uri IS NULL THEN id ELSE root_post_id END";

    private static final String LEAVING_TOPIC = """
            UPDATE posts SET counts_stale = TRUE
            WHERE id = (SELECT root_post_id FROM posts WHERE did = ? AND rkey = ?)""";
    private static final String LEAVING_BOARD = """
            UPDATE boards SET counts_stale = TRUE
            WHERE id = (SELECT board_id FROM posts WHERE did = ? AND rkey = ? AND root_uri IS NULL)""";
    private static final String STALE_MEMBER = "UPDATE posts SET counts_stale = TRUE WHERE id IN (SELECT "
            + TOPIC_OF + " FROM posts WHERE did = ?)";
    private static final String STALE_BOARD = "UPDATE boards SET counts_stale = TRUE WHERE did = ? AND rkey = ?";
    private static final String STALE_BOARDS_OF_STALE_TOPICS = """
            UPDATE boards SET counts_stale = TRUE
            WHERE id IN (SELECT board_id FROM posts WHERE counts_stale = TRUE AND board_id IS NOT NULL)""";
    private static final String REPLIES_OF_TOPIC = "FROM posts r WHERE r.root_post_id = posts.id AND " + VISIBLE_R;
    private static final String TOPIC_COUNTS = " reply_count = (SELECT count(*) " + REPLIES_OF_TOPIC + "),"
            + " last_reply_at = (SELECT max(r.created_at) " + REPLIES_OF_TOPIC + "),"
            + " last_reply_did = (SELECT r.did " + REPLIES_OF_TOPIC + " ORDER BY r.created_at DESC, r.id DESC LIMIT 1),"
            + " counts_stale = FALSE";
    private static final String RECOUNT_TOPICS = "UPDATE posts SET" + TOPIC_COUNTS + " WHERE counts_stale = TRUE";
    /**
     * The topic of a post counted again by key, its last activity moved forward to the bound time
     * (its newest reply written; NULL leaves it): one rewrite of the topic row per flush.
     */
    private static final String RECOUNT_TOPIC_OF = "UPDATE posts SET" + TOPIC_COUNTS + ", last_activity_at ="
            + " CASE WHEN last_activity_at IS NULL OR last_activity_at < ? THEN coalesce(?, last_activity_at)"
            + " ELSE last_activity_at END WHERE id IN (SELECT " + TOPIC_OF + " FROM posts WHERE did = ? AND rkey = ?)";
    /** The board of a post's topic, marked once however many of its topics were touched. */
    private static final String STALE_BOARD_OF = "UPDATE boards SET counts_stale = TRUE WHERE counts_stale = FALSE"
            + " AND id IN (SELECT t.board_id FROM posts t WHERE t.id IN (SELECT " + TOPIC_OF
            + " FROM posts WHERE did = ? AND rkey = ?))";
    private static final String TOPICS_OF_BOARD = "FROM posts t WHERE t.board_id = boards.id AND t.root_uri IS NULL AND "
            + VISIBLE_T;
    private static final String RECOUNT_BOARDS = "UPDATE boards SET"
            + " topic_count = (SELECT count(*) " + TOPICS_OF_BOARD + "),"
            + " post_count = (SELECT count(*) + coalesce(sum(t.reply_count), 0) " + TOPICS_OF_BOARD + "),"
            + " last_activity_at = (SELECT max(CASE WHEN t.last_reply_at > t.created_at THEN t.last_reply_at"
            + " ELSE t.created_at END) " + TOPICS_OF_BOARD + "),"
            + " counts_stale = FALSE WHERE counts_stale = TRUE";
    /** The topics of the posts whose moderation ended by the bound time, then the end cleared. */
    private static final String EXPIRED_TOPICS_STALE = "UPDATE posts SET counts_stale = TRUE WHERE id IN (SELECT "
            + TOPIC_OF + " FROM posts WHERE mod_hidden_until <= ?)";
    private static final String EXPIRED = "UPDATE posts SET mod_hidden_until = NULL WHERE mod_hidden_until <= ?";
    private static final String ALL_TOPICS_STALE = "UPDATE posts SET counts_stale = TRUE WHERE root_uri IS NULL";
    private static final String ALL_BOARDS_STALE = "UPDATE boards SET counts_stale = TRUE";

    /** Posts whose topic is counted again, each with the newest reply written to that topic (or null). */
    private final Map<AtUri, Instant> posts = new LinkedHashMap<>();
    private final Set<String> members = new LinkedHashSet<>();
    private final Set<AtUri> boards = new LinkedHashSet<>();

    /** Before {@code post} is written: the topic and board it is on now, should the write move it. */
    static void leaving(Statements s, AtUri post) throws SQLException {
        s.batch(LEAVING_TOPIC, post.did(), post.rkey()); // before the upsert: first used before it
        s.batch(LEAVING_BOARD, post.did(), post.rkey());
    }

    /** A post written, deleted, hidden or shown again: its topic is counted again. */
    void post(AtUri post) {
        posts.putIfAbsent(post, null);
    }

    /** A reply written to the topic {@code root}: counted again, and active at least since {@code createdAt}. */
    void reply(AtUri root, Instant createdAt) {
        posts.merge(root, createdAt, (a, b) -> a == null || b.isAfter(a) ? b : a);
    }

    /** A member's posts hidden or shown again (a ban, an account's status). */
    void member(String did) {
        members.add(did);
    }

    /** A board written: the topics that were waiting for it are on it now. */
    void board(AtUri board) {
        boards.add(board);
    }

    private static String visible(String post) {
        return post + ".banned_by_mod = FALSE AND " + post + ".deleted_by_user = FALSE AND " + post
                + ".mod_hidden_until IS NULL AND NOT EXISTS (SELECT 1 FROM users inactive WHERE inactive.did = "
                + post + ".did AND inactive.account_status IS NOT NULL)";
    }

    /** Every topic and board counted again: for rows written around this API (tests, repairs). */
    static void recountAll(Statements s, Instant now) throws SQLException {
        s.update(EXPIRED, now);
        s.update(ALL_TOPICS_STALE);
        s.update(ALL_BOARDS_STALE);
        recountStale(s);
    }

    /**
     * Counts again what this transaction touched since the last call; after the writes ran. The
     * touched topics are counted by key; the pass over the rows marked stale runs only when a
     * statement marked some (a post that left its topic or board, a member, a board, an ended
     * moderation), since finding them costs a scan where the planner has no statistics yet.
     */
    void recount(Statements s, Instant now) throws SQLException {
        // A probe of the partial index posts_hidden_until_idx: nothing to do while no moderation ended.
        boolean expired = s.update(EXPIRED_TOPICS_STALE, now) > 0;
        if (expired) {
            s.update(EXPIRED, now);
        }
        boolean marked = expired || s.rowsChanged(LEAVING_TOPIC) + s.rowsChanged(LEAVING_BOARD) > 0
                || !members.isEmpty() || !boards.isEmpty();
        if (!marked && posts.isEmpty()) {
            return;
        }
        for (Map.Entry<AtUri, Instant> post : posts.entrySet()) {
            AtUri uri = post.getKey();
            s.batch(RECOUNT_TOPIC_OF, post.getValue(), post.getValue(), uri.did(), uri.rkey());
            s.batch(STALE_BOARD_OF, uri.did(), uri.rkey());
        }
        for (String member : members) {
            s.batch(STALE_MEMBER, member);
        }
        for (AtUri board : boards) {
            s.batch(STALE_BOARD, board.did(), board.rkey());
        }
        discard();
        if (marked) {
            s.update(STALE_BOARDS_OF_STALE_TOPICS);
            s.update(RECOUNT_TOPICS);
        }
        s.update(RECOUNT_BOARDS);
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
