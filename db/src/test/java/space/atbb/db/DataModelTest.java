package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.flywaydb.core.api.MigrationInfo;
import org.hibernate.exception.ConstraintViolationException;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.FirehoseCursor;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.Role;
import space.atbb.db.schema.RolePermission;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/** One set of entity classes behaves the same on every dialect. */
class DataModelTest {
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00.123Z");
    private static final Instant INDEXED = Instant.parse("2026-11-22T10:00:01.999Z");

    @DatabaseTest
    void reportsItsDialectAndPoolSize(Database db, DatabaseKind kind) {
        assertThat(db.dialect()).isEqualTo(kind.dialect());
        assertThat(db.poolStats().size()).isEqualTo(kind.dialect() == Dialect.SQLITE ? 1 : 10);
        assertThat(db.flyway().info().pending()).isEmpty();
        MigrationInfo[] known = db.flyway().info().all();
        assertThat(db.schemaVersion()).contains(known[known.length - 1].getVersion().getVersion());
    }

    @DatabaseTest
    void roundTripsAForumTree(Database db) {
        long boardId = db.inTransaction(s -> {
            Forum forum = record(new Forum(), "did:plc:forum", "self");
            forum.setName("Test forum");
            s.persist(forum);
            Category category = record(new Category(), "did:plc:forum", "cat1");
            category.setName("General");
            category.setSortOrder(2);
            category.setForumId(forum.getId());
            category.setCreatedAt(CREATED);
            s.persist(category);
            Board board = record(new Board(), "did:plc:forum", "board1");
            board.setName("Chat");
            board.setCategoryId(category.getId());
            board.setCategoryUri("at://did:plc:forum/space.atbb.forum.category/cat1");
            board.setCreatedAt(CREATED);
            s.persist(board);
            return board.getId();
        });

        Board board = db.inTransaction(s -> s.find(Board.class, boardId));
        assertThat(board.getName()).isEqualTo("Chat");
        assertThat(board.getCreatedAt()).isEqualTo(CREATED);
        assertThat(board.getIndexedAt()).isEqualTo(INDEXED);
        Category category = db.inTransaction(s -> s.find(Category.class, board.getCategoryId()));
        assertThat(category.getSortOrder()).isEqualTo(2);
        assertThat(category.getDescription()).isNull();
    }

    @DatabaseTest
    void keepsBooleansTimestampsAndText(Database db) {
        String text = "quotes ' \" backslash \\ emoji \uD83E\uDDF5 and 'DROP TABLE posts; --";
        long postId = db.inTransaction(s -> {
            s.persist(new User("did:plc:alice", INDEXED));
            Post post = record(new Post(), "did:plc:alice", "p1");
            post.setText(text);
            post.setCreatedAt(CREATED);
            post.setBannedByMod(true);
            s.persist(post);
            return post.getId();
        });

        Post post = db.inTransaction(s -> s.find(Post.class, postId));
        assertThat(post.getText()).isEqualTo(text);
        assertThat(post.isBannedByMod()).isTrue();
        assertThat(post.isDeletedByUser()).isFalse();
        assertThat(post.getCreatedAt()).isEqualTo(CREATED);
        long hidden = db.inTransaction(s -> s.createQuery(
                "select count(p) from Post p where p.bannedByMod = true", Long.class).getSingleResult());
        assertThat(hidden).isEqualTo(1);
    }

    @DatabaseTest
    void keeps64BitIdsAndCursors(Database db) throws SQLException {
        long big = (1L << 53) + 1; // not representable as a double: must not pass through one
        try (Connection c = db.connection();
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO forums (id, did, rkey, cid, name, indexed_at) VALUES (?, 'did:plc:f', 'self', 'cid', 'F', ?)")) {
            insert.setLong(1, big);
            db.dialect().bindInstant(insert, 2, INDEXED);
            insert.executeUpdate();
        }
        assertThat(db.inTransaction(s -> s.find(Forum.class, big)).getName()).isEqualTo("F");

        db.useTransaction(s -> s.persist(new FirehoseCursor("jetstream", Long.MAX_VALUE - 7, INDEXED)));
        FirehoseCursor cursor = db.inTransaction(s -> s.find(FirehoseCursor.class, "jetstream"));
        assertThat(cursor.getCursor()).isEqualTo(Long.MAX_VALUE - 7);
        assertThat(cursor.getUpdatedAt()).isEqualTo(INDEXED);
    }

    @DatabaseTest
    void deletingARoleCascadesToItsPermissions(Database db) throws SQLException {
        long roleId = db.inTransaction(s -> {
            Role role = record(new Role(), "did:plc:forum", "admin");
            role.setName("Admin");
            role.setPriority(10);
            role.setCreatedAt(CREATED);
            s.persist(role);
            s.persist(new RolePermission(role.getId(), "space.atbb.permission.manageRoles"));
            s.persist(new RolePermission(role.getId(), "*"));
            return role.getId();
        });
        assertThat(countPermissions(db, roleId)).isEqualTo(2);

        db.useTransaction(s -> s.remove(s.find(Role.class, roleId)));

        assertThat(countPermissions(db, roleId)).isZero();
    }

    @DatabaseTest
    void enforcesForeignKeys(Database db) {
        assertThatThrownBy(() -> db.useTransaction(s -> {
            Post post = record(new Post(), "did:plc:nobody", "p1");
            post.setText("orphan");
            post.setCreatedAt(CREATED);
            s.persist(post);
        })).isInstanceOfSatisfying(ConstraintViolationException.class,
                e -> assertThat(e.getKind()).isEqualTo(ConstraintViolationException.ConstraintKind.FOREIGN_KEY));
    }

    @DatabaseTest
    void enforcesUniqueDidAndRkey(Database db) {
        db.useTransaction(s -> s.persist(named(record(new Forum(), "did:plc:f", "self"))));
        assertThatThrownBy(() -> db.useTransaction(s -> s.persist(named(record(new Forum(), "did:plc:f", "self")))))
                .isInstanceOfSatisfying(ConstraintViolationException.class,
                        e -> assertThat(e.getKind()).isEqualTo(ConstraintViolationException.ConstraintKind.UNIQUE));
    }

    private static long countPermissions(Database db, long roleId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM role_permissions WHERE role_id = ?")) {
            q.setLong(1, roleId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Forum named(Forum forum) {
        forum.setName("F");
        return forum;
    }

    private static <T extends space.atbb.db.schema.RecordEntity> T record(T entity, String did, String rkey) {
        entity.setDid(did);
        entity.setRkey(rkey);
        entity.setCid("bafy-" + rkey);
        entity.setIndexedAt(INDEXED);
        return entity;
    }
}
