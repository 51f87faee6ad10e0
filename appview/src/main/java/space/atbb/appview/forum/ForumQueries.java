package space.atbb.appview.forum;

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
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.User;
import space.atbb.db.search.SearchTerms;

/**
 * The read API's queries: single rows and the forum's structure in HQL, the lists of posts in
 * {@link PostLists}' SQL, each on its index. Every call returns records, not entities, so the
 * connection is back in the pool before the JSON or the page is written. The JSON routes and the web pages both read through here. Empty means
 * "no such row".
 */
public final class ForumQueries {
    private final Database db;

    public ForumQueries(Database db) {
        this.db = db;
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
            PostLists.Page topics = s.doReturningWork(c -> PostLists.BOARD_TOPICS.read(c, db.dialect(), boardId, page));
            return Optional.of(new TopicsPage(BoardView.of(board),
                    topics.rows().stream().map(TopicView::of).toList(), encode(topics)));
        });
    }

    /** Empty when the id names no topic: a reply, or a root post that is hidden. */
    public Optional<TopicThread> topic(long topicId, PageRequest page) {
        return read(s -> {
            List<ListedPost> root = s.doReturningWork(c -> PostLists.topic(c, db.dialect(), topicId));
            if (root.isEmpty()) {
                return Optional.empty();
            }
            PostLists.Page replies = s.doReturningWork(c -> PostLists.THREAD_REPLIES.read(c, db.dialect(), topicId, page));
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
            PostLists.Page posts = s.doReturningWork(c -> PostLists.MEMBER_POSTS.read(c, db.dialect(), did, page));
            return Optional.of(new UserPosts(Author.of(did, user.getHandle()), views(posts), encode(posts)));
        });
    }

    /**
     * The visible posts whose title or text holds every term, newest indexed first. The match runs
     * on the dialect's full-text index.
     */
    public SearchResults search(String query, SearchTerms terms, PageRequest page) {
        PostLists.Page posts = read(s -> s.doReturningWork(c -> PostLists.search(c, db.dialect(), terms, page)));
        return new SearchResults(query, views(posts), encode(posts));
    }

    private static List<PostView> views(PostLists.Page page) {
        return page.rows().stream().map(PostView::of).toList();
    }

    private static String encode(PostLists.Page page) {
        return page.next() == null ? null : page.next().encode();
    }

    private <T> T read(Function<Session, T> work) {
        return db.inTransaction(s -> {
            s.setDefaultReadOnly(true);
            return work.apply(s);
        });
    }
}
