package space.atbb.appview.forum;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.atbb.db.Dialect;
import space.atbb.db.schema.Visibility;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.TextMatch;

/**
 * The lists of posts the read API pages, in plain SQL, each in the order of one index (migration
 * steps PostgreSQL V0019, SQLite V0008) with a row-value keyset {@code (key, id) < (?, ?)}: a page
 * walks its index from the cursor, checks visibility on each row as it comes (it depends on the
 * time of the read and on the author's users row, so no index predicate can hold it), and stops
 * one row past the page. Its cost does not grow with the board, the thread or the member.
 *
 * <pre>
 * List&lt;ListedPost&gt; rows = PostLists.BOARD_TOPICS.read(connection, dialect, boardId, page);
 * </pre>
 */
enum PostLists {
    /** A board's topics, newest activity first: index {@code posts_board_topics_idx}. */
    BOARD_TOPICS("posts.board_id = ? AND posts.root_uri IS NULL", Key.ACTIVITY, true),
    /** A thread's replies, oldest first: index {@code posts_thread_idx}. */
    THREAD_REPLIES("posts.root_post_id = ?", Key.CREATED, false),
    /** A member's posts, newest first: index {@code posts_member_idx}. */
    MEMBER_POSTS("posts.did = ?", Key.CREATED, true),
    /**
     * The posts that match a search, newest indexed first: the order of the id the dialect's
     * {@link TextMatch} names, the full-text index's own row ids on SQLite, the primary key on
     * PostgreSQL.
     */
    SEARCH(null, Key.ID, true);

    /**
     * What a list is ordered by, before the id. A topic's activity: the newest reply the indexer
     * recorded on it, or its own creation time; the same expression as the index.
     */
    private enum Key {
        ACTIVITY("coalesce(posts.last_activity_at, posts.created_at)"),
        CREATED("posts.created_at"),
        /** The id alone: the cursor's time is the post's creation, carried but not compared. */
        ID(null);

        private final String sql;

        Key(String sql) {
            this.sql = sql;
        }
    }

    /** A post in a list, with its author's and its last replier's handles (null until named). */
    record ListedPost(long id, String did, String rkey, String title, String text, Long boardId, Long rootPostId,
                      Long parentPostId, String rootUri, Instant createdAt, long replyCount, Instant lastReplyAt,
                      String lastReplyDid, String handle, String lastReplyHandle, Instant sortKey) {
        PageCursor cursor() {
            return new PageCursor(sortKey, id);
        }
    }

    /** One page of a list and the rows past it: at most one, telling whether another page follows. */
    record Page(List<ListedPost> rows, PageCursor next) {
    }

    /** The columns {@link #read(ResultSet, Dialect)} reads, with the joins they need. */
    private static final String SELECT = "SELECT posts.id, posts.did, posts.rkey, posts.title, posts.text,"
            + " posts.board_id, posts.root_post_id, posts.parent_post_id, posts.root_uri, posts.created_at,"
            + " posts.reply_count, posts.last_reply_at, posts.last_reply_did, author.handle, replier.handle, ";
    private static final String POSTS = "posts";
    private static final String ID = "posts.id";
    private static final String VISIBLE = Visibility.postSql();

    /** One visible topic by id, read as the lists read their rows. */
    static final String TOPIC = SELECT + "posts.created_at" + from(POSTS)
            + "posts.id = ? AND posts.root_uri IS NULL AND " + VISIBLE;

    private final String filter;
    private final Key key;
    private final boolean descending;

    PostLists(String filter, Key key, boolean descending) {
        this.filter = filter;
        this.key = key;
        this.descending = descending;
    }

    /**
     * The statement of one page: binds the filter's value, the time of the read, then on a
     * continued page the cursor's key twice (unless the list is by id alone) and its id, then the
     * limit. The limit is a parameter, not text: PostgreSQL's generic plan for a literal LIMIT
     * filters a long thread's replies row by row (61 ms for a thread of 50,000, against 0.1 ms),
     * and it keeps that plan for every thread once the statement is prepared.
     */
    String sql(TextMatch search, boolean continued) {
        String posts = this == SEARCH ? search.from() : POSTS;
        String where = this == SEARCH ? search.condition() : filter;
        String id = this == SEARCH ? search.id() : ID;
        String direction = descending ? " DESC" : "";
        String past = descending ? " < " : " > ";
        String order = key == Key.ID ? id + direction : key.sql + direction + ", " + id + direction;
        // The key alone first: SQLite seeks an expression column by a plain bound, not by a row value.
        String keyset = !continued ? "" : key == Key.ID ? " AND " + id + past + "?"
                : " AND " + key.sql + " " + past.trim() + "= ? AND (" + key.sql + ", " + id + ")" + past + "(?, ?)";
        String sortKey = key == Key.ID ? Key.CREATED.sql : key.sql;
        return SELECT + sortKey + from(posts) + where + " AND " + VISIBLE + keyset + " ORDER BY " + order + " LIMIT ?";
    }

    /** The FROM clause up to WHERE: {@code posts} (a table, or the search's join naming it) and the handles. */
    private static String from(String posts) {
        return " FROM " + posts + " LEFT JOIN users author ON author.did = posts.did"
                + " LEFT JOIN users replier ON replier.did = posts.last_reply_did WHERE ";
    }

    /** The page of this list under {@code filterValue} (a board id, a root id, a DID) after the cursor. */
    Page read(Connection c, Dialect dialect, Object filterValue, PageRequest page) throws SQLException {
        return read(c, dialect, null, filterValue, page);
    }

    /** The page of posts matching {@code terms} after the cursor. */
    static Page search(Connection c, Dialect dialect, SearchTerms terms, PageRequest page) throws SQLException {
        TextMatch match = dialect.postTextMatch(terms);
        return SEARCH.read(c, dialect, match, match.argument(), page);
    }

    private Page read(Connection c, Dialect dialect, TextMatch search, Object filterValue, PageRequest page)
            throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql(search, page.continued()))) {
            bind(statement, dialect, filterValue, page);
            List<ListedPost> rows = readAll(statement, dialect);
            if (rows.size() <= page.limit()) {
                return new Page(rows, null);
            }
            List<ListedPost> shown = List.copyOf(rows.subList(0, page.limit()));
            return new Page(shown, shown.get(shown.size() - 1).cursor());
        }
    }

    /** Binds the parameters of {@link #sql} in its order. */
    void bind(PreparedStatement statement, Dialect dialect, Object filterValue, PageRequest page) throws SQLException {
        int i = 1;
        statement.setObject(i++, filterValue);
        dialect.bindInstant(statement, i++, Instant.now()); // the visibility rule's time
        if (page.continued()) {
            if (key != Key.ID) {
                dialect.bindInstant(statement, i++, page.after().key());
                dialect.bindInstant(statement, i++, page.after().key());
            }
            statement.setLong(i++, page.after().id());
        }
        statement.setInt(i, page.limit() + 1); // one row past the page: whether another follows
    }

    /** The visible topic {@code id}; empty when it is a reply, hidden or unknown. */
    static List<ListedPost> topic(Connection c, Dialect dialect, long id) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(TOPIC)) {
            statement.setLong(1, id);
            dialect.bindInstant(statement, 2, Instant.now());
            return readAll(statement, dialect);
        }
    }

    private static List<ListedPost> readAll(PreparedStatement statement, Dialect dialect) throws SQLException {
        List<ListedPost> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(read(rs, dialect));
            }
        }
        return rows;
    }

    private static ListedPost read(ResultSet rs, Dialect dialect) throws SQLException {
        return new ListedPost(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                longOrNull(rs, 6), longOrNull(rs, 7), longOrNull(rs, 8), rs.getString(9), dialect.readInstant(rs, 10),
                rs.getLong(11), dialect.readInstant(rs, 12), rs.getString(13), rs.getString(14), rs.getString(15),
                dialect.readInstant(rs, 16));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
