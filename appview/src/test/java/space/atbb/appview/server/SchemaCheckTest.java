package space.atbb.appview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.permissions.PermissionMigration;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;

class SchemaCheckTest {

    @DatabaseTest
    void acceptsACurrentSchema(Database db) {
        String version = db.schemaVersion().orElseThrow();
        SchemaCheck.prepare(db);
        assertThat(db.schemaVersion()).contains(version);
    }

    /** SQLite: the server owns its file, so it migrates by itself. */
    @DatabaseTest(migrated = false, kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void migratesAnSqliteSchemaThatIsBehind(Database db) {
        SchemaCheck.prepare(db);
        assertThat(db.flyway().info().pending()).isEmpty();
        assertThat(db.schemaVersion()).isPresent();
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void refusesAPostgresSchemaThatIsBehind(Database db) {
        assertThatThrownBy(() -> SchemaCheck.prepare(db)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is behind").hasMessageContaining("./scripts/appview migrate");
        assertThat(db.schemaVersion()).isEmpty();
    }

    /** Each refusal names the command that gets past it, until the schema is current. */
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void sendsAPostgresSchemaBefore0012ToMigratePermissionsThenMigrate(Database db) {
        db.migrate("0010");
        LegacyRoles.insert(db, "did:plc:forum", "admin", List.of("*"));
        for (String step : List.of("0010", "0011")) {
            db.migrate(step);
            assertThatThrownBy(() -> SchemaCheck.prepare(db)).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("is at step " + step + ", before step 0012")
                    .hasMessageContaining("Run ./scripts/migrate-permissions, which copies them into role_permissions"
                            + " and applies 0012, then ./scripts/migrate for the later steps");
            assertThat(db.schemaVersion()).contains(step);
        }

        new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE);
        assertThatThrownBy(() -> SchemaCheck.prepare(db)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is behind").hasMessageContaining("./scripts/migrate");
        db.migrate();
        SchemaCheck.prepare(db);
        assertThat(db.flyway().info().pending()).isEmpty();
    }

    @DatabaseTest
    void refusesASchemaNewerThanThisBuild(Database db) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) VALUES (999, '9999', 'from the future', 'SQL',"
                        + " 'V9999__from_the_future.sql', 0, 'test', 0, ?)")) {
            insert.setBoolean(1, true);
            insert.executeUpdate();
        }
        assertThatThrownBy(() -> SchemaCheck.prepare(db)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("newer than this build knows (9999)")
                .hasMessageContaining("must not write into a newer schema");
    }
}
