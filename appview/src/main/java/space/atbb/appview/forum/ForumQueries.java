package space.atbb.appview.forum;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.Session;
import space.atbb.appview.forum.PostLists.ListedPost;
import space.atbb.appview.forum.Views.Author;
import space.atbb.appview.forum.Views.BoardRef;
import space.atbb.appview.forum.Views.BoardView;
import space.atbb.appview.forum.Views.CategoryView;
import space.atbb.appview.forum.Views.ForumView;
import space.atbb.appview.forum.Views.PostView;
import space.atbb.appview.forum.Views.SearchResults;
import space.atbb.appview.forum.Views.TopicThread;
import space.atbb.appview.forum.Views.TopicView;
import space.atbb.appview.forum.Views.TopicsPage;
import space.atbb.appview.forum.Views.UserPosts;
import space.atbb.db.Database;
import space.atbb.db.Dialect;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.User;
import space.atbb.db.search.SearchTerms;
import space.atbb.lexicon.Nsid;

/**
 * The read API's queries: single rows and the forum's structure in HQL, the lists of posts in
 * {@link PostLists}' SQL, each on its index. Every call returns records, not entities, so the
 * connection is back in the pool before the JSON or the page is written. The JSON routes and the web pages both read through here. Empty means
 * "no such row".
 */
public final class ForumQueries {
    private final ReadDatabase reads;
    private final Dialect dialect;

    /** Every query on {@code db}. */
    public ForumQueries(Database db) {
        this(ReadDatabase.primaryOnly(db));
    }

    /** Every query on the replica while it answers, else the primary (the same dialect). */
    public ForumQueries(ReadDatabase reads) {
        this.reads = reads;
        this.dialect = reads.primary().dialect();
    }

    public Optional<ForumView> forum(String forumDid) {
        return read(s -> s.createSelectionQuery("from Forum where did = :did and rkey = 'self'", Forum.class)
                .setParameter("did", forumDid).uniqueResultOptional().map(ForumView::of));
    }

    /**
     * Categories and boards in their order: {@code sort_order}, unset last, then id, as the
     * indexes {@code categories_order_idx} and {@code boards_order_idx} hold them.
     */
    static final String CATEGORIES = "SELECT id, did, rkey, name, description, slug, sort_order, created_at"
            + " FROM categories ORDER BY (sort_order IS NULL), sort_order, id";
    /** A board as the pages show it, with the counts the indexer keeps on its row. */
    private static final String BOARD_COLUMNS = "SELECT id, did, rkey, category_id, name, description, slug,"
            + " sort_order, created_at, topic_count, post_count, last_activity_at FROM boards";
    /** Every category's boards, grouped by category, for the home page. */
    static final String BOARDS = BOARD_COLUMNS
            + " WHERE category_id IS NOT NULL ORDER BY category_id, (sort_order IS NULL), sort_order, id";
    static final String CATEGORY_BOARDS = BOARD_COLUMNS
            + " WHERE category_id = ? ORDER BY category_id, (sort_order IS NULL), sort_order, id";
    private static final String BOARD = BOARD_COLUMNS + " WHERE id = ?";

    /** The categories in order; with {@code withBoards}, each with its boards in order. */
    public List<CategoryView> categories(boolean withBoards) {
        return read(s -> s.doReturningWork(c -> {
            Map<String, List<BoardView>> boards = new HashMap<>();
            if (withBoards) {
                rows(c, BOARDS, null, this::board)
                        .forEach(b -> boards.computeIfAbsent(b.categoryId(), k -> new ArrayList<>()).add(b));
            }
            return rows(c, CATEGORIES, null, rs -> category(rs, withBoards ? boards : null));
        }));
    }

    public Optional<List<BoardView>> boards(long categoryId) {
        return read(s -> s.find(Category.class, categoryId) == null ? Optional.empty()
                : Optional.of(s.doReturningWork(c -> rows(c, CATEGORY_BOARDS, categoryId, this::board))));
    }

    public Optional<TopicsPage> topics(long boardId, PageRequest page) {
        return read(s -> s.doReturningWork(c -> {
            List<BoardView> board = rows(c, BOARD, boardId, this::board);
            if (board.isEmpty()) {
                return Optional.empty();
            }
            PostLists.Page topics = PostLists.BOARD_TOPICS.read(c, dialect, boardId, page);
            return Optional.of(new TopicsPage(board.get(0), topics.rows().stream().map(TopicView::of).toList(),
                    encode(topics)));
        }));
    }

    /** Empty when the id names no topic: a reply, or a root post that is hidden. */
    public Optional<TopicThread> topic(long topicId, PageRequest page) {
        return read(s -> {
            List<ListedPost> root = s.doReturningWork(c -> PostLists.topic(c, dialect, topicId));
            if (root.isEmpty()) {
                return Optional.empty();
            }
            PostLists.Page replies = s.doReturningWork(c -> PostLists.THREAD_REPLIES.read(c, dialect, topicId, page));
            Long boardId = root.get(0).boardId();
            BoardRef board = BoardRef.of(boardId == null ? null : s.find(Board.class, boardId));
            return Optional.of(new TopicThread(board, PostView.of(root.get(0)), views(replies), encode(replies)));
        });
    }

    /** Empty when no post or membership of {@code did} was ever indexed. */
    public Optional<UserPosts> userPosts(String did, PageRequest page) {
        return read(s -> {
            User user = s.find(User.class, did);
            if (user == null) {
                return Optional.empty();
            }
            PostLists.Page posts = s.doReturningWork(c -> PostLists.MEMBER_POSTS.read(c, dialect, did, page));
            return Optional.of(new UserPosts(Author.of(did, user.getHandle()), views(posts), encode(posts)));
        });
    }

    /**
     * The visible posts whose title or text holds every term, newest indexed first. The match runs
     * on the dialect's full-text index.
     */
    public SearchResults search(String query, SearchTerms terms, PageRequest page) {
        PostLists.Page posts = read(s -> s.doReturningWork(c -> PostLists.search(c, dialect, terms, page)));
        return new SearchResults(query, views(posts), encode(posts));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** The rows of {@code sql}, with its one parameter bound unless null. */
    private static <T> List<T> rows(Connection c, String sql, Object parameter, Row<T> row) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }

    /** A category of {@link #CATEGORIES}; {@code boards} by category id, or null to leave them out. */
    private CategoryView category(ResultSet rs, Map<String, List<BoardView>> boards) throws SQLException {
        String id = Long.toString(rs.getLong(1));
        return new CategoryView(id, Views.atUri(rs.getString(2), Nsid.CATEGORY, rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), intOrNull(rs, 7),
                dialect.readInstant(rs, 8).toString(), boards == null ? null : boards.getOrDefault(id, List.of()));
    }

    /** A board of {@link #BOARD_COLUMNS}. */
    private BoardView board(ResultSet rs) throws SQLException {
        long categoryId = rs.getLong(4);
        return new BoardView(Long.toString(rs.getLong(1)), Views.atUri(rs.getString(2), Nsid.BOARD, rs.getString(3)),
                rs.wasNull() ? null : Long.toString(categoryId), rs.getString(5), rs.getString(6), rs.getString(7),
                intOrNull(rs, 8), dialect.readInstant(rs, 9).toString(), rs.getLong(10),
                rs.getLong(11), Views.timeOrNull(dialect.readInstant(rs, 12)));
    }

    private static Integer intOrNull(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static List<PostView> views(PostLists.Page page) {
        return page.rows().stream().map(PostView::of).toList();
    }

    private static String encode(PostLists.Page page) {
        return page.next() == null ? null : page.next().encode();
    }

    private <T> T read(Function<Session, T> work) {
        return reads.read(db -> db.inTransaction(s -> {
            s.setDefaultReadOnly(true);
            return work.apply(s);
        }));
    }
}
