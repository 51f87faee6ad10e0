package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import space.atbb.db.Database;
import space.atbb.db.schema.Membership;
import space.atbb.db.schema.Post;

/** Reads what the indexer wrote: counts and strings by plain SQL, timestamps and booleans by entity. */
public final class Tables {
    private Tables() {
    }

    /** Each table the indexer writes, by natural keys and content: ids and indexed_at differ between runs. */
    private static final List<String> INDEXED = List.of(
            "SELECT did, rkey, cid, name, description FROM forums",
            "SELECT c.did, c.rkey, c.cid, c.name, c.description, c.slug, c.sort_order, f.did, c.created_at"
                    + " FROM categories c LEFT JOIN forums f ON f.id = c.forum_id",
            "SELECT b.did, b.rkey, b.cid, b.name, b.description, b.slug, b.sort_order, b.category_uri, c.did, c.rkey,"
                    + " b.created_at FROM boards b LEFT JOIN categories c ON c.id = b.category_id",
            "SELECT did, handle FROM users",
            "SELECT m.did, m.rkey, m.cid, f.did, m.forum_uri, m.role, m.role_uri, m.joined_at, m.created_at"
                    + " FROM memberships m LEFT JOIN forums f ON f.id = m.forum_id",
            "SELECT p.did, p.rkey, p.cid, p.title, p.text, p.forum_uri, p.board_uri, b.did, b.rkey, p.root_uri, r.did,"
                    + " r.rkey, p.parent_uri, a.did, a.rkey, p.created_at, p.last_activity_at, p.banned_by_mod,"
                    + " p.deleted_by_user FROM posts p LEFT JOIN boards b ON b.id = p.board_id"
                    + " LEFT JOIN posts r ON r.id = p.root_post_id LEFT JOIN posts a ON a.id = p.parent_post_id",
            "SELECT m.did, m.rkey, m.cid, m.action, m.subject_did, m.subject_post_uri, f.did, m.reason, m.created_by,"
                    + " m.expires_at, m.created_at FROM mod_actions m LEFT JOIN forums f ON f.id = m.forum_id",
            "SELECT did, rkey, cid, name, description, priority, created_at FROM roles",
            "SELECT r.did, r.rkey, p.permission FROM role_permissions p JOIN roles r ON r.id = p.role_id",
            "SELECT did, rkey, cid, subject_did, role_uri, created_at FROM member_roles",
            "SELECT service, cursor FROM firehose_cursor");

    /**
     * Every table the indexer writes holds the same rows in both databases (ids and indexed_at
     * aside), and each holds some, but those named in {@code mayBeEmpty} (e.g. "firehose_cursor").
     */
    public static void assertSameIndexedRows(Database actualDb, Database expectedDb, String... mayBeEmpty) {
        for (String table : INDEXED) {
            boolean emptyAllowed = List.of(mayBeEmpty).stream().anyMatch(name -> table.contains("FROM " + name));
            assertSameRows(actualDb, expectedDb, table, emptyAllowed);
        }
    }

    private static void assertSameRows(Database killed, Database clean, String sql, boolean emptyAllowed) {
        List<String> expected = Tables.rows(clean, sql);
        List<String> actual = Tables.rows(killed, sql);
        if (!emptyAllowed) {
            assertThat(expected).as("rows of the clean run, %s", sql).isNotEmpty();
        }
        Set<String> extra = new LinkedHashSet<>(actual);
        extra.removeAll(new HashSet<>(expected));
        Set<String> missing = new LinkedHashSet<>(expected);
        missing.removeAll(new HashSet<>(actual));
        assertThat(extra).as("rows only after the kills, %s", sql).isEmpty();
        assertThat(missing).as("rows only in the clean run, %s", sql).isEmpty();
        assertThat(actual).as(sql).hasSameSizeAs(expected);
    }

    public static long count(Database db, String table) {
        return Long.parseLong(strings(db, "SELECT count(*) FROM " + table).get(0));
    }

    public static List<String> strings(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of the query, its columns joined by " | ". */
    public static List<String> rows(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                StringJoiner row = new StringJoiner(" | ");
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                values.add(row.toString());
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Post post(Database db, String did, String rkey) {
        return db.inTransaction(s -> s.createQuery("from Post where did = :did and rkey = :rkey", Post.class)
                .setParameter("did", did).setParameter("rkey", rkey).getSingleResult());
    }

    public static Membership membership(Database db, String did) {
        return db.inTransaction(s -> s.createQuery("from Membership where did = :did", Membership.class)
                .setParameter("did", did).getSingleResult());
    }
}
