package space.atbb.db.testing;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import space.atbb.db.Database;

/**
 * Roles as PostgreSQL steps 0010 and 0011 hold them, with their {@code roles.permissions text[]}
 * column: how tests set up the data the permission migration must carry over.
 */
public final class LegacyRoles {
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    private LegacyRoles() {
    }

    /** Inserts a role with its permissions array (elements may repeat, or be null); returns its id. */
    public static long insert(Database db, String did, String rkey, List<String> permissions) {
        try (Connection c = db.connection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO roles "
                     + "(did, rkey, cid, name, permissions, priority, created_at, indexed_at) "
                     + "VALUES (?, ?, ?, ?, ?, 10, ?, ?) RETURNING id")) {
            insert.setString(1, did);
            insert.setString(2, rkey);
            insert.setString(3, "bafy-" + rkey);
            insert.setString(4, "Role " + rkey);
            insert.setArray(5, c.createArrayOf("text", permissions.toArray()));
            db.dialect().bindInstant(insert, 6, CREATED);
            db.dialect().bindInstant(insert, 7, CREATED);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert legacy role " + did + "/" + rkey, e);
        }
    }

    /** The role's permissions array as stored. */
    public static List<String> permissions(Database db, long roleId) {
        try (Connection c = db.connection();
             PreparedStatement q = c.prepareStatement("SELECT permissions FROM roles WHERE id = ?")) {
            q.setLong(1, roleId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                Array array = rs.getArray(1);
                return Arrays.asList((String[]) array.getArray());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the permissions array of role " + roleId, e);
        }
    }

    /** Whether roles still has its permissions array column (steps 0010 and 0011). */
    public static boolean hasArrayColumn(Database db) {
        try (Connection c = db.connection();
             ResultSet rs = c.getMetaData().getColumns(null, null, "roles", "permissions")) {
            return rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the columns of roles", e);
        }
    }
}
