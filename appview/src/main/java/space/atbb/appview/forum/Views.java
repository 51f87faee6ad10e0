package space.atbb.appview.forum;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import space.atbb.appview.forum.PostLists.ListedPost;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Forum;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * What the read API answers, as JSON and as the web pages' models: one set of records for both.
 * Ids are strings: JavaScript numbers lose 64-bit ids. Times are RFC 3339 strings.
 */
public final class Views {
    private Views() {
    }

    public record ForumView(String id, String uri, String name, String description) {
        static ForumView of(Forum f) {
            return new ForumView(f.getId().toString(), atUri(f.getDid(), Nsid.FORUM, f.getRkey()),
                    f.getName(), f.getDescription());
        }
    }

    /** {@code boards} is present only when asked for ({@code ?include=boards}). */
    public record CategoryView(String id, String uri, String name, String description, String slug,
                               Integer sortOrder, String createdAt,
                               @JsonInclude(JsonInclude.Include.NON_NULL) List<BoardView> boards) {
    }

    /**
     * A board with its visible topics, every visible post on it (topics and their replies), and the
     * newest of their times ({@code lastActivityAt}, null for an empty board).
     */
    public record BoardView(String id, String uri, String categoryId, String name, String description, String slug,
                            Integer sortOrder, String createdAt, long topicCount, long postCount,
                            String lastActivityAt) {
    }

    /** Who wrote a post: the handle from the member's identity, or the DID where none is known yet. */
    public record Author(String did, String handle) {
        static Author of(String did, String handle) {
            return new Author(did, handle == null ? did : handle);
        }
    }

    /**
     * A post; {@code topicId} is the thread it is read in (its own id for a topic), null for a reply
     * whose topic is not indexed yet.
     */
    public record PostView(String id, String uri, String did, Author author, String title, String text,
                           String boardId, String rootId, String parentId, String topicId, String createdAt) {
        static PostView of(ListedPost p) {
            String topicId = p.rootUri() == null ? Long.toString(p.id()) : idOrNull(p.rootPostId());
            return new PostView(Long.toString(p.id()), atUri(p.did(), Nsid.POST, p.rkey()), p.did(),
                    Author.of(p.did(), p.handle()), p.title(), p.text(), idOrNull(p.boardId()),
                    idOrNull(p.rootPostId()), idOrNull(p.parentPostId()), topicId, p.createdAt().toString());
        }
    }

    /**
     * A topic in a board's list: the topic's post, its visible replies' count, and its newest visible
     * reply's time and author (both null without replies).
     */
    public record TopicView(@JsonUnwrapped PostView post, long replyCount, String lastReplyAt,
                            Author lastReplyAuthor) {
        static TopicView of(ListedPost topic) {
            String replier = topic.lastReplyDid();
            return new TopicView(PostView.of(topic), topic.replyCount(), timeOrNull(topic.lastReplyAt()),
                    replier == null ? null : Author.of(replier, topic.lastReplyHandle()));
        }
    }

    /** One page of a board's topics; {@code cursor} is null on the last page. */
    public record TopicsPage(BoardView board, List<TopicView> topics, String cursor) {
    }

    /** A topic's root post and one page of its replies, oldest first; {@code board} is null until indexed. */
    public record TopicThread(BoardRef board, PostView topic, List<PostView> replies, String cursor) {
    }

    /** The board a thread is on, to link back to it. */
    public record BoardRef(String id, String name) {
        static BoardRef of(Board b) {
            return b == null ? null : new BoardRef(b.getId().toString(), b.getName());
        }
    }

    /** One page of a member's visible posts, newest first. */
    public record UserPosts(Author user, List<PostView> posts, String cursor) {
    }

    /** One page of the visible posts that match a search, newest indexed first (by id). */
    public record SearchResults(String query, List<PostView> posts, String cursor) {
    }

    static String atUri(String did, String collection, String rkey) {
        return AtUri.of(did, collection, rkey).toString();
    }

    private static String idOrNull(Long id) {
        return id == null ? null : id.toString();
    }

    static String timeOrNull(Instant time) {
        return time == null ? null : time.toString();
    }
}
