package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;
import space.atbb.db.testing.TestDatabase;

/** {@code appview migrate} as the launcher runs it, through {@link Main}'s error handling. */
class MigrateCommandTest {
    private static final String GUARD = "appview migrate: ERROR: Refusing to drop roles.permissions:"
            + " 2 permission(s) of 1 role(s)";

    /** Step 0012's guard, reached through Flyway, is one error that names the command to run. */
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void theStep0012GuardIsOneMessageNamingMigratePermissions(TestDatabase test) {
        test.database().migrate("0010");
        LegacyRoles.insert(test.database(), "did:plc:forum", "admin", List.of("*", "space.atbb.permission.banUsers"));

        CliRun run = CliRun.appview("migrate", "--database-url", test.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(GUARD)
                .contains("Run ./scripts/migrate-permissions")
                .doesNotContain("\tat ", "Exception", "Where:", "DO $$");
        assertThat(run.err().lines()).hasSizeLessThanOrEqualTo(2); // the error and PostgreSQL's hint
        assertThat(test.database().schemaVersion()).contains("0011");
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void showsTheStackTraceAtDebugLevel(TestDatabase test) {
        test.database().migrate("0010");
        LegacyRoles.insert(test.database(), "did:plc:forum", "admin", List.of("*", "space.atbb.permission.banUsers"));
        try {
            CliRun run = CliRun.appview("migrate", "--database-url", test.url(), "--log-level", "DEBUG");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith(GUARD).contains("FlywayMigrateException", "\tat org.flywaydb");
        } finally {
            Logging.setLevel("INFO");
        }
    }

}
