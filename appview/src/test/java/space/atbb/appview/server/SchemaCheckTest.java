package space.atbb.appview.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

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

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void refusesAPostgresSchemaHalfWayThroughThePermissionsMigration(Database db) {
        db.migrate("11");
        assertThatThrownBy(() -> SchemaCheck.prepare(db)).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("half-way").hasMessageContaining("./scripts/migrate-permissions");
        assertThat(db.schemaVersion()).contains("0011");
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
