package space.atbb.appview.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Membership;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.Role;
import space.atbb.db.schema.RolePermission;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;
import space.atbb.db.schema.User;

/**
 * Rows for API tests, written through the JPA entities, around the indexer: after each write the
 * topics' and boards' counts are counted again, as the indexer keeps them.
 */
public final class ForumSeed {
    public static final String FORUM_DID = "did:plc:forum";
    public static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private final Database db;
    private int rkeys;

    public ForumSeed(Database db) {
        this.db = db;
    }

    public Forum forum(String name) {
        return forum(name, null);
    }

    public Forum forum(String name, String description) {
        Forum f = record(new Forum(), FORUM_DID, "self");
        f.setName(name);
        f.setDescription(description);
        return persist(f);
    }

    public Category category(String name, Integer sortOrder) {
        Category c = record(new Category(), FORUM_DID, nextRkey());
        c.setName(name);
        c.setSortOrder(sortOrder);
        c.setCreatedAt(T0);
        return persist(c);
    }

    public Board board(Category category, String name, Integer sortOrder) {
        Board b = record(new Board(), FORUM_DID, nextRkey());
        b.setName(name);
        b.setSortOrder(sortOrder);
        b.setCategoryId(category.getId());
        b.setCategoryUri("at://" + FORUM_DID + "/space.atbb.forum.category/" + category.getRkey());
        b.setCreatedAt(T0);
        return persist(b);
    }

    public User user(String did) {
        return persist(new User(did, T0));
    }

    /** A member whose handle an identity event has named. */
    public User user(String did, String handle) {
        User u = new User(did, T0);
        u.setHandle(handle);
        return persist(u);
    }

    public Board describe(Board board, String description) {
        board.setDescription(description);
        return merge(board);
    }

    /** A changed entity saved, and the counts brought up to date. */
    public <T> T merge(T entity) {
        T merged = db.inTransaction(s -> s.merge(entity));
        recount();
        return merged;
    }

    /** A topic in {@code board}, created {@code minutes} after T0. */
    public Post topic(User author, Board board, String title, int minutes) {
        Post p = record(new Post(), author.getDid(), nextRkey());
        p.setTitle(title);
        p.setText("text of " + title);
        p.setBoardId(board.getId());
        p.setCreatedAt(T0.plusSeconds(60L * minutes));
        return persist(p);
    }

    /** A reply to {@code topic}, with the URIs and ids the indexer writes. */
    public Post reply(User author, Post topic, String text, int minutes) {
        Post p = replyTo(author, uri(topic), text, minutes);
        p.setBoardId(topic.getBoardId());
        p.setRootPostId(topic.getId());
        p.setParentPostId(topic.getId());
        return persist(p);
    }

    /**
     * A reply whose root is not indexed yet, as the indexer parks it: root and parent URIs, no
     * ids. The reply record may still name a board.
     */
    public Post parkedReply(User author, String rootUri, Board board, String text, int minutes) {
        Post p = replyTo(author, rootUri, text, minutes);
        p.setBoardId(board == null ? null : board.getId());
        return persist(p);
    }

    private static String uri(Post post) {
        return "at://" + post.getDid() + "/space.atbb.post/" + post.getRkey();
    }

    private Post replyTo(User author, String rootUri, String text, int minutes) {
        Post p = record(new Post(), author.getDid(), nextRkey());
        p.setText(text);
        p.setRootUri(rootUri);
        p.setParentUri(rootUri);
        p.setCreatedAt(T0.plusSeconds(60L * minutes));
        return p;
    }

    public Post hide(Post post, boolean bannedByMod, boolean deletedByUser) {
        post.setBannedByMod(bannedByMod);
        post.setDeletedByUser(deletedByUser);
        return merge(post);
    }

    public Role role(String did, String name, int priority, String... permissions) {
        Role r = record(new Role(), did, nextRkey());
        r.setName(name);
        r.setPriority(priority);
        r.setCreatedAt(T0);
        Role saved = persist(r);
        for (String permission : permissions) {
            persist(new RolePermission(saved.getId(), permission));
        }
        return saved;
    }

    /** The member joins the forum; {@code role} may be null (no role). */
    public Membership membership(User member, Role role) {
        Membership m = record(new Membership(), member.getDid(), nextRkey());
        m.setForumUri("at://" + FORUM_DID + "/space.atbb.forum.forum/self");
        if (role != null) {
            m.setRoleUri("at://" + role.getDid() + "/space.atbb.forum.role/" + role.getRkey());
        }
        m.setCreatedAt(T0);
        return persist(m);
    }

    private <T extends space.atbb.db.schema.RecordEntity> T record(T entity, String did, String rkey) {
        entity.setDid(did);
        entity.setRkey(rkey);
        entity.setCid("bafy" + rkey);
        entity.setIndexedAt(T0);
        return entity;
    }

    private String nextRkey() {
        return "rk" + (++rkeys);
    }

    private <T> T persist(T entity) {
        db.useTransaction(s -> s.persist(entity));
        recount();
        return entity;
    }

    private void recount() {
        try (Connection c = db.connection();
             RecordWriter w = new RecordWriter(c, db.dialect(), T0, ParkedListener.NONE)) {
            w.recountAll();
        } catch (SQLException e) {
            throw new IllegalStateException("Counting the seeded topics and boards failed", e);
        }
    }
}
