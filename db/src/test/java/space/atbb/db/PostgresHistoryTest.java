package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.FlywayException;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * The PostgreSQL history: roles.permissions lives until step 0012, which drops it only once every
 * element is a row of role_permissions. SQLite never had the column, so these run on PostgreSQL.
 */
class PostgresHistoryTest {
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void step12RefusesToDropPermissionsNotYetCopied(Database db) throws SQLException {
        db.migrate("11");
        assertThat(db.schemaVersion()).contains("0011");
        assertThat(hasPermissionsColumn(db)).isTrue();
        execute(db, """
                INSERT INTO roles (did, rkey, cid, name, permissions, priority, created_at, indexed_at)
                VALUES ('did:plc:forum', 'mod', 'c', 'Moderator',
                        ARRAY['space.atbb.permission.moderatePosts', 'it''s {odd}, "quoted"'], 20, now(), now())""");

        assertThatThrownBy(() -> db.migrate("12"))
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Refusing to drop roles.permissions: 2 permission(s)")
                .hasMessageContaining("./scripts/migrate-permissions");
        assertThat(hasPermissionsColumn(db)).isTrue();
        assertThat(db.schemaVersion()).contains("0011");

        execute(db, "INSERT INTO role_permissions (role_id, permission) SELECT id, unnest(permissions) FROM roles");
        db.migrate("12");

        assertThat(db.schemaVersion()).contains("0012");
        assertThat(hasPermissionsColumn(db)).isFalse();
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void step12RunsStraightThroughWhenNoRoleHasPermissions(Database db) throws SQLException {
        db.migrate("10");
        execute(db, """
                INSERT INTO roles (did, rkey, cid, name, priority, created_at, indexed_at)
                VALUES ('did:plc:forum', 'guest', 'c', 'Guest', 90, now(), now())""");
        db.migrate();
        assertThat(hasPermissionsColumn(db)).isFalse();
    }

    private static boolean hasPermissionsColumn(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns "
                     + "WHERE table_name = 'roles' AND column_name = 'permissions'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
