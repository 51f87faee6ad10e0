package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;
import space.atbb.db.testing.TestDatabase;

/**
 * The operator's advice the command line adds to the database's own messages: each refusal
 * names the variable or the script that gets past it, as the user sees it on stderr.
 */
class FailureMessageTest {

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void aPostgresSchemaBehindNamesMigrate(TestDatabase test) {
        CliRun run = CliRun.appview("sessions", "create", "--did", "did:plc:alice", "--database-url", test.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("appview create: The schema of ").contains("is behind this build")
                .contains("Run ./scripts/appview migrate (or ./scripts/migrate), then start the server again.");
        assertThat(test.database().schemaVersion()).isEmpty();
    }

    /** Each refusal names the command that gets past it, until the schema is current. */
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void aPostgresSchemaBefore0012NamesMigratePermissionsThenMigrate(TestDatabase test) {
        test.database().migrate("0010");
        LegacyRoles.insert(test.database(), "did:plc:forum", "admin", List.of("*"));
        for (String step : List.of("0010", "0011")) {
            test.database().migrate(step);
            CliRun run = CliRun.appview("index", "--sample", "--database-url", test.url());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("is at step " + step + ", before step 0012")
                    .contains("Run ./scripts/migrate-permissions, which copies them into role_permissions"
                            + " and applies 0012, then ./scripts/migrate for the later steps");
        }
    }

    /** PostgreSQL only: a SQLite file cannot be unreachable. No server needed: nothing listens on the port. */
    @Test
    void aPostgresServerThatRefusesNamesTheUrlToCheck() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        CliRun run = CliRun.appview("migrate", "--database-url", "postgresql://atbb:secret@127.0.0.1:" + closed + "/atbb");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot connect to postgresql://").contains("127.0.0.1:" + closed)
                .contains("refused").contains("Check that the database server is running")
                .contains("DATABASE_URL (or --database-url) names the server").doesNotContain("secret");
    }

    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
    void aSchemaNewerThanThisBuildIsNotMigrated(TestDatabase test) throws SQLException {
        try (Connection c = test.database().connection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                        + " installed_by, execution_time, success) VALUES (999, '9999', 'from the future', 'SQL',"
                        + " 'V9999__from_the_future.sql', 0, 'test', 0, ?)")) {
            insert.setBoolean(1, true);
            insert.executeUpdate();
        }
        CliRun run = CliRun.appview("migrate", "--database-url", test.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("newer than this build knows (9999)")
                .contains("An older appview must not write into a newer schema: run the newer version");
    }

    @Test
    void aSqlitePathThatCannotBeCreatedNamesDatabaseUrl() {
        // /proc refuses new directories even to root.
        CliRun run = CliRun.appview("migrate", "--database-url", "file:/proc/atbb-test/atbb.db");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("Cannot create the directory /proc/atbb-test")
                .contains("point DATABASE_URL at a writable place");
    }
}
