package space.atbb.bench.load;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.atbb.appview.forum.PageCursor;
import space.atbb.appview.forum.PageRequest;
import space.atbb.appview.forum.Views.Author;
import space.atbb.appview.forum.Views.BoardRef;
import space.atbb.appview.forum.Views.BoardView;
import space.atbb.appview.forum.Views.PostView;
import space.atbb.appview.forum.Views.SearchResults;
import space.atbb.appview.forum.Views.TopicThread;
import space.atbb.appview.forum.Views.TopicView;
import space.atbb.appview.forum.Views.TopicsPage;
import space.atbb.appview.forum.Views.UserPosts;
import space.atbb.appview.http.Params;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.db.schema.Visibility;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.TextMatch;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * The read API's list pages in plain JDBC, for the load test's baseline: the same routes, the same
 * rows (the visibility rule of {@link Visibility#postSql}, the same orders and keyset cursors), the
 * same JSON records (serialized by Javalin's Jackson, as the appview does), on the project's pool,
 * with one statement per list and no ORM. Javalin with the appview's settings, so the difference
 * measured is the query layer. Serves board topics, threads, members' posts and search.
 *
 * <pre>java -cp ... space.atbb.bench.load.BaselineServer DATABASE_URL PORT</pre>
 */
public final class BaselineServer {
    /** A post's columns as {@link #post} reads them, then its author's handle. */
    private static final String POST = "SELECT posts.id, posts.did, posts.rkey, posts.title, posts.text,"
            + " posts.board_id, posts.root_post_id, posts.parent_post_id, posts.root_uri, posts.created_at, u.handle";
    private static final String FROM = " FROM posts LEFT JOIN users u ON u.did = posts.did WHERE ";
    private static final String VISIBLE = Visibility.postSql();
    private static final String ACTIVITY = "coalesce(posts.last_activity_at, posts.created_at)";

    private final Database db;
    private final Dialect dialect;

    private BaselineServer(Database db) {
        this.db = db;
        this.dialect = db.dialect();
    }

    public static void main(String[] args) {
        Database db = Databases.create(args[0]);
        BaselineServer server = new BaselineServer(db);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.defaultContentType = "application/json";
            cfg.routes.get("/api/healthz/ready", ctx -> ctx.result("{\"status\":\"ok\"}"));
            cfg.routes.get("/api/boards/{id}/topics", server::topics);
            cfg.routes.get("/api/topics/{id}", server::topic);
            cfg.routes.get("/api/users/{did}/posts", server::userPosts);
            cfg.routes.get("/api/search", server::search);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            db.close();
        }));
        app.start(Integer.parseInt(args[1]));
    }

    private void topics(Context ctx) throws SQLException {
        long boardId = Params.id(ctx, "id");
        PageRequest page = PageRequest.of(ctx);
        try (Connection c = db.connection()) {
            BoardView board;
            try (PreparedStatement s = c.prepareStatement("SELECT id, did, rkey, category_id, name, description, slug,"
                    + " sort_order, created_at, topic_count, post_count, last_activity_at FROM boards WHERE id = ?")) {
                s.setLong(1, boardId);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundResponse("Board not found");
                    }
                    board = new BoardView(rs.getString(1), AtUri.of(rs.getString(2), Nsid.BOARD, rs.getString(3)).toString(),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            (Integer) rs.getObject(8, Integer.class), dialect.readInstant(rs, 9).toString(), rs.getLong(10),
                            rs.getLong(11), time(dialect.readInstant(rs, 12)));
                }
            }
            // The topic, its counts, and the last replier's handle: one statement.
            String sql = POST + ", posts.reply_count, posts.last_reply_at, posts.last_reply_did, lr.handle, " + ACTIVITY
                    + " FROM posts LEFT JOIN users u ON u.did = posts.did LEFT JOIN users lr ON lr.did = posts.last_reply_did"
                    + " WHERE posts.board_id = ? AND posts.root_uri IS NULL AND " + VISIBLE
                    + after(page, ACTIVITY, true) + " ORDER BY " + ACTIVITY + " DESC, posts.id DESC LIMIT ?";
            List<TopicView> topics = new ArrayList<>();
            String cursor = page(c, false, sql, page, s -> s.setLong(1, boardId), rs -> {
                String replier = rs.getString(14);
                topics.add(new TopicView(post(rs), rs.getLong(12), time(dialect.readInstant(rs, 13)),
                        replier == null ? null : author(replier, rs.getString(15))));
                return dialect.readInstant(rs, 16);
            });
            ctx.json(new TopicsPage(board, topics, cursor));
        }
    }

    private void topic(Context ctx) throws SQLException {
        long topicId = Params.id(ctx, "id");
        PageRequest page = PageRequest.of(ctx);
        try (Connection c = db.connection()) {
            PostView root = null;
            BoardRef board = null;
            try (PreparedStatement s = c.prepareStatement(POST + ", b.id, b.name" + FROM.replace(" WHERE ",
                    " LEFT JOIN boards b ON b.id = posts.board_id WHERE ") + "posts.id = ? AND posts.root_uri IS NULL AND "
                    + VISIBLE)) {
                s.setLong(1, topicId);
                dialect.bindInstant(s, 2, Instant.now());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        root = post(rs);
                        board = rs.getString(12) == null ? null : new BoardRef(rs.getString(12), rs.getString(13));
                    }
                }
            }
            if (root == null) {
                throw new NotFoundResponse("Topic not found");
            }
            List<PostView> replies = new ArrayList<>();
            String cursor = page(c, false, POST + FROM + "posts.root_post_id = ? AND " + VISIBLE
                            + after(page, "posts.created_at", false) + " ORDER BY posts.created_at, posts.id LIMIT ?",
                    page, s -> s.setLong(1, topicId), rs -> {
                        replies.add(post(rs));
                        return dialect.readInstant(rs, 10);
                    });
            ctx.json(new TopicThread(board, root, replies, cursor));
        }
    }

    private void userPosts(Context ctx) throws SQLException {
        String did = Params.did(ctx, "did");
        PageRequest page = PageRequest.of(ctx);
        try (Connection c = db.connection()) {
            String handle;
            try (PreparedStatement s = c.prepareStatement("SELECT handle FROM users WHERE did = ?")) {
                s.setString(1, did);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new NotFoundResponse("User not found");
                    }
                    handle = rs.getString(1);
                }
            }
            List<PostView> posts = new ArrayList<>();
            String cursor = page(c, false, POST + FROM + "posts.did = ? AND " + VISIBLE + after(page, "posts.created_at", true)
                            + " ORDER BY posts.created_at DESC, posts.id DESC LIMIT ?", page,
                    s -> s.setString(1, did), rs -> {
                        posts.add(post(rs));
                        return dialect.readInstant(rs, 10);
                    });
            ctx.json(new UserPosts(author(did, handle), posts, cursor));
        }
    }

    private void search(Context ctx) throws SQLException {
        SearchTerms terms = Params.search(ctx);
        PageRequest page = PageRequest.of(ctx);
        TextMatch match = dialect.postTextMatch(terms);
        try (Connection c = db.connection()) {
            List<PostView> posts = new ArrayList<>();
            String keyset = page.after() == null ? "" : " AND " + match.id() + " < ?";
            String cursor = page(c, true, POST + " FROM " + match.from() + " LEFT JOIN users u ON u.did = posts.did WHERE "
                            + match.condition() + " AND " + VISIBLE + keyset + " ORDER BY " + match.id() + " DESC LIMIT ?",
                    page, s -> s.setString(1, match.argument()), rs -> {
                        posts.add(post(rs));
                        return dialect.readInstant(rs, 10);
                    });
            ctx.json(new SearchResults(ctx.queryParam("q"), posts, cursor));
        }
    }

    interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    interface RowReader {
        /** Adds the row to the page; returns its sort key. */
        Instant read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs a list query whose parameters are: the key bound by {@code key} (1), the time of the read
     * (2), on a continued page the cursor's key twice and id (its id alone when {@code byId}),
     * and the limit (last); reads one row beyond the page to tell whether another follows. Returns
     * the next page's cursor.
     */
    private String page(Connection c, boolean byId, String sql, PageRequest page, Binder key, RowReader reader)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            key.bind(s);
            dialect.bindInstant(s, 2, Instant.now());
            int next = 3;
            if (page.after() != null) {
                if (!byId) {
                    dialect.bindInstant(s, next++, page.after().key());
                    dialect.bindInstant(s, next++, page.after().key());
                }
                s.setLong(next++, page.after().id());
            }
            s.setInt(next, page.limit() + 1);
            int rows = 0;
            Instant lastKey = null;
            long lastId = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (++rows > page.limit()) {
                        return new PageCursor(lastKey, lastId).encode();
                    }
                    lastKey = reader.read(rs);
                    lastId = rs.getLong(1);
                }
            }
            return null;
        }
    }

    /**
     * The keyset past the cursor, as the appview writes it: the key alone first (SQLite seeks an
     * expression by a plain bound, not by a row value), then the row value.
     */
    private static String after(PageRequest page, String key, boolean descending) {
        if (page.after() == null) {
            return "";
        }
        String past = descending ? " < " : " > ";
        return " AND " + key + " " + past.trim() + "= ? AND (" + key + ", posts.id)" + past + "(?, ?)";
    }

    /** A {@link PostView} from the columns of {@link #POST}. */
    private PostView post(ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        String did = rs.getString(2);
        String rootId = rs.getString(7);
        String topicId = rs.getString(9) == null ? id : rootId;
        return new PostView(id, AtUri.of(did, Nsid.POST, rs.getString(3)).toString(), did, author(did, rs.getString(11)),
                rs.getString(4), rs.getString(5), rs.getString(6), rootId, rs.getString(8), topicId,
                dialect.readInstant(rs, 10).toString());
    }

    private static Author author(String did, String handle) {
        return new Author(did, handle == null ? did : handle);
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
