package space.atbb.appview.forum;

import java.util.List;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Post;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** The JSON bodies of the read API. Ids are strings: JavaScript numbers lose 64-bit ids. */
final class Views {
    private Views() {
    }

    record ForumView(String id, String uri, String name, String description) {
        static ForumView of(Forum f) {
            return new ForumView(f.getId().toString(), atUri(f.getDid(), Nsid.FORUM, f.getRkey()),
                    f.getName(), f.getDescription());
        }
    }

    record CategoryView(String id, String uri, String name, String description, String slug,
                        Integer sortOrder, String createdAt) {
        static CategoryView of(Category c) {
            return new CategoryView(c.getId().toString(), atUri(c.getDid(), Nsid.CATEGORY, c.getRkey()),
                    c.getName(), c.getDescription(), c.getSlug(), c.getSortOrder(), c.getCreatedAt().toString());
        }
    }

    record BoardView(String id, String uri, String categoryId, String name, String description, String slug,
                     Integer sortOrder, String createdAt) {
        static BoardView of(Board b) {
            return new BoardView(b.getId().toString(), atUri(b.getDid(), Nsid.BOARD, b.getRkey()),
                    idOrNull(b.getCategoryId()), b.getName(), b.getDescription(), b.getSlug(), b.getSortOrder(),
                    b.getCreatedAt().toString());
        }
    }

    record PostView(String id, String uri, String did, String title, String text, String boardId,
                    String rootId, String parentId, String createdAt) {
        static PostView of(Post p) {
            return new PostView(p.getId().toString(), atUri(p.getDid(), Nsid.POST, p.getRkey()), p.getDid(),
                    p.getTitle(), p.getText(), idOrNull(p.getBoardId()), idOrNull(p.getRootPostId()),
                    idOrNull(p.getParentPostId()), p.getCreatedAt().toString());
        }
    }

    /** One page of a board's topics; {@code cursor} is null on the last page. */
    record TopicsPage(List<PostView> topics, String cursor) {
    }

    /** A topic's root post and one page of its replies, oldest first. */
    record TopicThread(PostView topic, List<PostView> replies, String cursor) {
    }

    private static String atUri(String did, String collection, String rkey) {
        return AtUri.of(did, collection, rkey).toString();
    }

    private static String idOrNull(Long id) {
        return id == null ? null : id.toString();
    }
}
