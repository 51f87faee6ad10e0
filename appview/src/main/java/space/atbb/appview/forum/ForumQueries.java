package space.atbb.appview.forum;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
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
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.schema.Visibility;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.SqlCondition;

/**
 * The read API's queries, in HQL (the same text on both dialects) but for search, whose index
 * differs per dialect. The JSON routes and the web pages both read through here. Empty means
 * "no such row".
 */
public final class ForumQueries {
    /** Posts a moderator banned or their author deleted are never served. */
    private static final String VISIBLE = Visibility.post("p");
    /** {@link #VISIBLE} in SQL, for the search's query on the dialect's index. */
    private static final String VISIBLE_SQL = Visibility.postSql();

    /**
     * A topic is a post that is no reply. Not {@code rootPostId is null}: that also holds for a
     * reply whose root is not indexed yet (parked, with only its root URI).
     */
    private static final String TOPIC = "p.rootUri is null";

    /**
     * A board's topics are listed newest activity first: the newest reply the indexer recorded on
     * the root post, or the root's own creation time.
     */
    private static final String ACTIVITY = "coalesce(p.lastActivityAt, p.createdAt)";

    /** A post with its author's handle (null until an identity event names it). */
    private static final String POST_AND_HANDLE = "select p, u.handle from Post p left join User u on u.did = p.did";

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

    private static Instant activityOf(Post topic) {
        return topic.getLastActivityAt() != null ? topic.getLastActivityAt() : topic.getCreatedAt();
    }

    public Optional<ForumView> forum(String forumDid) {
        return read(s -> s.createSelectionQuery("from Forum where did = :did and rkey = 'self'", Forum.class)
                .setParameter("did", forumDid).uniqueResultOptional().map(ForumView::of));
    }

    /** The categories in order; with {@code withBoards}, each with its boards in order. */
    public List<CategoryView> categories(boolean withBoards) {
        return read(s -> {
            List<Category> categories = s.createSelectionQuery(
                    "from Category c order by c.sortOrder asc nulls last, c.id", Category.class).getResultList();
            if (!withBoards) {
                return categories.stream().map(c -> CategoryView.of(c, null)).toList();
            }
            Map<Long, List<BoardView>> boards = new HashMap<>();
            s.createSelectionQuery("from Board b where b.categoryId is not null"
                    + " order by b.sortOrder asc nulls last, b.id", Board.class).getResultList().stream().map(BoardView::of)
                    .forEach(b -> boards.computeIfAbsent(Long.valueOf(b.categoryId()), k -> new ArrayList<>()).add(b));
            return categories.stream().map(c -> CategoryView.of(c, boards.getOrDefault(c.getId(), List.of()))).toList();
        });
    }

    public Optional<List<BoardView>> boards(long categoryId) {
        return read(s -> s.find(Category.class, categoryId) == null ? Optional.empty()
                : Optional.of(s.createSelectionQuery(
                                "from Board b where b.categoryId = :category order by b.sortOrder asc nulls last, b.id",
                                Board.class)
                        .setParameter("category", categoryId).getResultList().stream().map(BoardView::of).toList()));
    }

    public Optional<TopicsPage> topics(long boardId, PageRequest page) {
        return read(s -> {
            Board board = s.find(Board.class, boardId);
            if (board == null) {
                return Optional.empty();
            }
            Paged paged = Paged.read(s, "p.boardId = :key0 and " + TOPIC, boardId, Order.NEWEST_ACTIVITY, page);
            Map<String, String> handles = handles(s, paged.rows().stream().map(Post::getLastReplyDid).toList());
            List<TopicView> topics = new ArrayList<>();
            for (int i = 0; i < paged.posts().size(); i++) {
                Post topic = paged.rows().get(i);
                String replier = topic.getLastReplyDid();
                topics.add(new TopicView(paged.posts().get(i), topic.getReplyCount(),
                        Views.timeOrNull(topic.getLastReplyAt()),
                        replier == null ? null : Author.of(replier, handles.get(replier))));
            }
            return Optional.of(new TopicsPage(BoardView.of(board), topics, paged.cursor()));
        });
    }

    /** Empty when the id names no topic: a reply, or a root post that is hidden. */
    public Optional<TopicThread> topic(long topicId, PageRequest page) {
        return read(s -> {
            List<Object[]> root = s.createSelectionQuery(POST_AND_HANDLE + " where p.id = :id and " + TOPIC
                    + " and " + VISIBLE, Object[].class).setParameter("id", topicId)
                    .setParameter(Visibility.NOW, Instant.now()).getResultList();
            if (root.isEmpty()) {
                return Optional.empty();
            }
            Paged replies = Paged.read(s, "p.rootPostId = :key0", topicId, Order.OLDEST, page);
            Long boardId = ((Post) root.get(0)[0]).getBoardId();
            BoardRef board = BoardRef.of(boardId == null ? null : s.find(Board.class, boardId));
            return Optional.of(new TopicThread(board, view(root.get(0)), replies.posts(), replies.cursor()));
        });
    }

    /** Empty when no post or membership of {@code did} was ever indexed. */
    public Optional<UserPosts> userPosts(String did, PageRequest page) {
        return read(s -> {
            User user = s.find(User.class, did);
            if (user == null) {
                return Optional.empty();
            }
            Paged posts = Paged.read(s, "p.did = :key0", did, Order.NEWEST, page);
            return Optional.of(new UserPosts(Author.of(did, user.getHandle()), posts.posts(), posts.cursor()));
        });
    }

    /** The orders lists are paged in: by a time, then by id in the same direction. */
    private enum Order {
        /** A board's topics. The one place that defines "activity" (see {@link #ACTIVITY}). */
        NEWEST_ACTIVITY(ACTIVITY, true, ForumQueries::activityOf),
        NEWEST("p.createdAt", true, Post::getCreatedAt),
        OLDEST("p.createdAt", false, Post::getCreatedAt);

        private final String key;
        private final boolean descending;
        private final Function<Post, Instant> sortKey;

        Order(String key, boolean descending, Function<Post, Instant> sortKey) {
            this.key = key;
            this.descending = descending;
            this.sortKey = sortKey;
        }

        /** The rows after the cursor; empty on the first page. */
        String after(PageCursor cursor) {
            if (cursor == null) {
                return "";
            }
            String past = descending ? " < " : " > ";
            return " and (" + key + past + ":key or (" + key + " = :key and p.id" + past + ":id))";
        }

        String orderBy() {
            String direction = descending ? " desc" : "";
            return " order by " + key + direction + ", p.id" + direction;
        }
    }

    /** One page of visible posts, read one row beyond the page to tell whether another follows. */
    private record Paged(List<Post> rows, List<PostView> posts, String cursor) {
        static Paged read(Session s, String where, Object key0, Order order, PageRequest page) {
            SelectionQuery<Object[]> query = s.createSelectionQuery(POST_AND_HANDLE + " where " + where + " and "
                    + VISIBLE + order.after(page.after()) + order.orderBy(), Object[].class).setParameter("key0", key0)
                    .setParameter(Visibility.NOW, Instant.now());
            if (page.after() != null) {
                query.setParameter("key", page.after().key()).setParameter("id", page.after().id());
            }
            List<Object[]> rows = query.setMaxResults(page.limit() + 1).getResultList();
            List<Post> posts = rows.stream().limit(page.limit()).map(row -> (Post) row[0]).toList();
            return new Paged(posts, views(rows, page.limit()), nextCursor(rows, page.limit(), order.sortKey));
        }
    }

    /**
     * The visible posts whose title or text holds every term, newest first. The match runs on the
     * dialect's full-text index; the rest of the page is read as everywhere else.
     */
    public SearchResults search(String query, SearchTerms terms, PageRequest page) {
        PageCursor after = page.after();
        int limit = page.limit();
        SqlCondition match = dialect.postTextMatch(terms);
        String keyset = after == null ? "" : " AND (created_at < ? OR (created_at = ? AND id < ?))";
        String sql = "SELECT id FROM posts WHERE " + match.sql() + " AND " + VISIBLE_SQL + keyset
                + " ORDER BY created_at DESC, id DESC LIMIT " + (limit + 1);
        return read(s -> {
            List<Long> ids = s.doReturningWork(c -> {
                try (PreparedStatement statement = c.prepareStatement(sql)) {
                    statement.setString(1, match.argument());
                    dialect.bindInstant(statement, 2, Instant.now()); // the visibility rule's time
                    if (after != null) {
                        dialect.bindInstant(statement, 3, after.key());
                        dialect.bindInstant(statement, 4, after.key());
                        statement.setLong(5, after.id());
                    }
                    List<Long> found = new ArrayList<>();
                    try (ResultSet rs = statement.executeQuery()) {
                        while (rs.next()) {
                            found.add(rs.getLong(1));
                        }
                    }
                    return found;
                }
            });
            List<Object[]> rows = ids.isEmpty() ? List.of() : s.createSelectionQuery(POST_AND_HANDLE
                    + " where p.id in :ids order by p.createdAt desc, p.id desc", Object[].class)
                    .setParameter("ids", ids).getResultList();
            return new SearchResults(query, views(rows, limit), nextCursor(rows, limit, Post::getCreatedAt));
        });
    }

    /** The handles of these members that an identity event named. */
    private static Map<String, String> handles(Session s, List<String> dids) {
        Map<String, String> handles = new HashMap<>();
        List<String> known = dids.stream().filter(did -> did != null).distinct().toList();
        if (!known.isEmpty()) {
            s.createSelectionQuery("select u.did, u.handle from User u where u.did in :dids and u.handle is not null",
                    Object[].class).setParameter("dids", known).getResultList()
                    .forEach(row -> handles.put((String) row[0], (String) row[1]));
        }
        return handles;
    }

    private static PostView view(Object[] postAndHandle) {
        return PostView.of((Post) postAndHandle[0], (String) postAndHandle[1]);
    }

    private static List<PostView> views(List<Object[]> rows, int limit) {
        return rows.stream().limit(limit).map(ForumQueries::view).toList();
    }

    private static String nextCursor(List<Object[]> rows, int limit, Function<Post, Instant> sortKey) {
        if (rows.size() <= limit) {
            return null;
        }
        Post last = (Post) rows.get(limit - 1)[0];
        return new PageCursor(sortKey.apply(last), last.getId()).encode();
    }

    private <T> T read(Function<Session, T> work) {
        return reads.read(db -> db.inTransaction(s -> {
            s.setDefaultReadOnly(true);
            return work.apply(s);
        }));
    }
}
