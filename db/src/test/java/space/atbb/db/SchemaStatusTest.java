package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.permissions.PermissionMigration;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;

/** {@link Database#schemaStatus()} and the decisions on it: {@code prepareSchema}, {@code upgradeSchema}. */
class SchemaStatusTest {

    @DatabaseTest
    void acceptsACurrentSchema(Database db) {
        String version = db.schemaVersion().orElseThrow();
        assertThat(db.schemaStatus()).isEqualTo(new SchemaStatus(db.schemaVersion(), List.of(), List.of(),
                Optional.empty()));
        assertThat(db.schemaStatus().isCurrent()).isTrue();
        db.prepareSchema();
        assertThat(db.schemaVersion()).contains(version);
    }

    /** SQLite: the process owns its file, so it migrates by itself. */
    @DatabaseTest(migrated = false, kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void migratesAnSqliteSchemaThatIsBehind(Database db) {
        assertThat(db.schemaStatus().current()).isEmpty();
        assertThat(db.schemaStatus().pending()).isNotEmpty();
        db.prepareSchema();
        assertThat(db.schemaStatus().isCurrent()).isTrue();
        assertThat(db.schemaVersion()).isPresent();
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void refusesAPostgresSchemaThatIsBehind(Database db) {
        assertThatThrownBy(db::prepareSchema).isInstanceOfSatisfying(DatabaseException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_BEHIND))
                .hasMessageContaining("is behind this build (at none (empty database), pending: 0010, 0011, 0012");
        assertThat(db.schemaVersion()).isEmpty();
    }

    /** Before step 0012 a plain migrate stops at its guard: a refusal of its own kind, until the schema is current. */
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void refusesAPostgresSchemaBefore0012AsItsOwnKind(Database db) {
        db.migrate("0010");
        LegacyRoles.insert(db, "did:plc:forum", "admin", List.of("*"));
        for (String step : List.of("0010", "0011")) {
            db.migrate(step);
            assertThat(db.schemaStatus().isBeforePermissionsStep()).isTrue();
            assertThatThrownBy(db::prepareSchema).isInstanceOfSatisfying(DatabaseException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_BEFORE_PERMISSIONS_STEP))
                    .hasMessageContaining("is at step " + step + ", before step 0012 moves the role permissions");
            assertThat(db.schemaVersion()).contains(step);
        }

        new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE);
        assertThat(db.schemaStatus().isBeforePermissionsStep()).isFalse();
        assertThatThrownBy(db::prepareSchema).isInstanceOfSatisfying(DatabaseException.class,
                e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_BEHIND)).hasMessageContaining("is behind");
        db.migrate();
        db.prepareSchema();
        assertThat(db.schemaStatus().isCurrent()).isTrue();
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
        assertThat(db.schemaStatus().newerThanBuild()).containsExactly("9999");
        for (Runnable use : List.<Runnable>of(db::prepareSchema, db::upgradeSchema)) {
            assertThatThrownBy(use::run).isInstanceOfSatisfying(DatabaseException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_NEWER))
                    .hasMessageContaining("newer than this build knows (9999)")
                    .hasMessageNotContaining("appview").hasMessageNotContaining("scripts/");
        }
    }

    @DatabaseTest
    void refusesASchemaWithAFailedStep(Database db) throws SQLException {
        String last = db.schemaVersion().orElseThrow();
        try (Connection c = db.connection(); PreparedStatement fail = c.prepareStatement(
                "UPDATE flyway_schema_history SET success = ? WHERE version = ?")) {
            fail.setBoolean(1, false);
            fail.setString(2, last);
            assertThat(fail.executeUpdate()).isEqualTo(1);
        }
        assertThat(db.schemaStatus().failedStep()).contains(last);
        assertThatThrownBy(db::prepareSchema).isInstanceOfSatisfying(DatabaseException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_FAILED))
                .hasMessageContaining("Migration step " + last + " of " + db.url() + " failed part-way.");
    }
}
