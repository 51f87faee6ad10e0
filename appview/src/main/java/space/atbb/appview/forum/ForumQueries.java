package space.atbb.appview.forum;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;
import space.atbb.appview.forum.Views.BoardView;
import space.atbb.appview.forum.Views.CategoryView;
import space.atbb.appview.forum.Views.ForumView;
import space.atbb.appview.forum.Views.PostView;
import space.atbb.appview.forum.Views.TopicThread;
import space.atbb.appview.forum.Views.TopicsPage;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.Visibility;

/** The read API's queries, in HQL: the same text on both dialects. Empty means "no such row". */
public final class ForumQueries {
    /** Posts hidden by moderation, deleted, or by an account not active are never served (the rule: Visibility). */
    private static final String VISIBLE = Visibility.post("p");

    /**
     * A topic is a post that is no reply. Not {@code rootPostId is null}: that also holds for a
     * reply whose root is not indexed yet (parked, with only its root URI).
     */
    private static final String TOPIC = "p.rootUri is null";

    /**
     * A board's topics, newest activity first. The one place that defines "activity": the newest
     * reply the indexer recorded on the root post, or the root's own creation time.
     */
    private static final String ACTIVITY = "coalesce(p.lastActivityAt, p.createdAt)";

    private final Database db;

    public ForumQueries(Database db) {
        this.db = db;
    }

    private static Instant activityOf(Post topic) {
        return topic.getLastActivityAt() != null ? topic.getLastActivityAt() : topic.getCreatedAt();
    }

    public Optional<ForumView> forum(String forumDid) {
        return read(s -> s.createSelectionQuery("from Forum where did = :did and rkey = 'self'", Forum.class)
                .setParameter("did", forumDid).uniqueResultOptional().map(ForumView::of));
    }

    public List<CategoryView> categories() {
        return read(s -> s.createSelectionQuery("from Category c order by c.sortOrder asc nulls last, c.id",
                Category.class).getResultList().stream().map(CategoryView::of).toList());
    }

    public Optional<List<BoardView>> boards(long categoryId) {
        return read(s -> s.find(Category.class, categoryId) == null ? Optional.empty()
                : Optional.of(s.createSelectionQuery(
                                "from Board b where b.categoryId = :category order by b.sortOrder asc nulls last, b.id",
                                Board.class)
                        .setParameter("category", categoryId).getResultList().stream().map(BoardView::of).toList()));
    }

    public Optional<TopicsPage> topics(long boardId, PageCursor after, int limit) {
        return read(s -> {
            if (s.find(Board.class, boardId) == null) {
                return Optional.empty();
            }
            String keyset = after == null ? ""
                    : " and (" + ACTIVITY + " < :key or (" + ACTIVITY + " = :key and p.id < :id))";
            SelectionQuery<Post> query = s.createSelectionQuery("from Post p where p.boardId = :board"
                    + " and " + TOPIC + " and " + VISIBLE + keyset
                    + " order by " + ACTIVITY + " desc, p.id desc", Post.class).setParameter("board", boardId);
            List<Post> rows = page(query, after, limit);
            return Optional.of(new TopicsPage(views(s, rows, limit), nextCursor(rows, limit, ForumQueries::activityOf)));
        });
    }

    /** Empty when the id names no topic: a reply, or a root post that is hidden. */
    public Optional<TopicThread> topic(long topicId, PageCursor after, int limit) {
        return read(s -> {
            Post root = s.createSelectionQuery("from Post p where p.id = :id and " + TOPIC
                    + " and " + VISIBLE, Post.class).setParameter("id", topicId)
                    .setParameter(Visibility.NOW, Instant.now()).uniqueResult();
            if (root == null) {
                return Optional.empty();
            }
            String keyset = after == null ? ""
                    : " and (p.createdAt > :key or (p.createdAt = :key and p.id > :id))";
            SelectionQuery<Post> query = s.createSelectionQuery("from Post p where p.rootPostId = :root and "
                    + VISIBLE + keyset + " order by p.createdAt, p.id", Post.class).setParameter("root", topicId);
            List<Post> rows = page(query, after, limit);
            List<PostView> replies = views(s, rows, limit);
            return Optional.of(new TopicThread(views(s, List.of(root), 1).get(0), replies,
                    nextCursor(rows, limit, Post::getCreatedAt)));
        });
    }

    /** One row more than the page, to tell whether another page follows; visible now. */
    private static List<Post> page(SelectionQuery<Post> query, PageCursor after, int limit) {
        if (after != null) {
            query.setParameter("key", after.key()).setParameter("id", after.id());
        }
        return query.setParameter(Visibility.NOW, Instant.now()).setMaxResults(limit + 1).getResultList();
    }

    /** The first {@code limit} posts, each with its author's handle (one query for the page). */
    private static List<PostView> views(Session s, List<Post> rows, int limit) {
        List<Post> shown = rows.stream().limit(limit).toList();
        Map<String, String> handles = new HashMap<>();
        if (!shown.isEmpty()) {
            s.createSelectionQuery("select u.did, u.handle from User u where u.did in :dids and u.handle is not null",
                            Object[].class)
                    .setParameterList("dids", shown.stream().map(Post::getDid).distinct().toList())
                    .getResultList()
                    .forEach(row -> handles.put((String) row[0], (String) row[1]));
        }
        return shown.stream().map(p -> PostView.of(p, handles.get(p.getDid()))).toList();
    }

    private static String nextCursor(List<Post> rows, int limit, Function<Post, Instant> sortKey) {
        if (rows.size() <= limit) {
            return null;
        }
        Post last = rows.get(limit - 1);
        return new PageCursor(sortKey.apply(last), last.getId()).encode();
    }

    private <T> T read(Function<Session, T> work) {
        return db.inTransaction(s -> {
            s.setDefaultReadOnly(true);
            return work.apply(s);
        });
    }
}
