package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import space.atbb.db.Database;
import space.atbb.db.permissions.Permissions;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;
import space.atbb.db.testing.TestDatabase;

/**
 * The command in-process, as the launcher runs it. Steps 10 → 12 exist on PostgreSQL only, so
 * those tests run there; the SQLite answer runs on the SQLite kinds.
 */
class MigratePermissionsCommandTest {
    private static final String FORUM = "did:plc:forum";

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void migratesFromStep10AndThenHasNothingToDo(TestDatabase test) {
        Database db = test.database();
        db.migrate("0010");
        long admin = LegacyRoles.insert(db, FORUM, "admin", List.of("*", "space.atbb.permission.manageRoles"));
        LegacyRoles.insert(db, FORUM, "member", List.of("space.atbb.permission.createPosts",
                "space.atbb.permission.createPosts"));

        CliRun first = run(Map.of(), "--database-url", test.url());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("schema at step 0010", "Roles seen: 2", "Permissions copied: 3",
                "Permissions already present: 0", "Verified:", "Applied step 0012");
        assertThat(first.err()).contains("Copying permissions: 2/2 roles (100%)");
        assertThat(db.schemaVersion()).contains("0012");
        assertThat(new Permissions(db).getRolePermissions(admin)).containsExactly("*", "space.atbb.permission.manageRoles");

        CliRun again = run(Map.of(), "--database-url", test.url());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("Nothing to do: the schema is at step 0012");
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void noDropStopsAfterVerification(TestDatabase test) {
        test.database().migrate("0011");
        LegacyRoles.insert(test.database(), FORUM, "mod", List.of("a", "b"));

        CliRun run = run(Map.of("DATABASE_URL", test.url()), "--no-drop");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Permissions copied: 2", "Stopped before step 0012");
        assertThat(test.database().schemaVersion()).contains("0011");
        assertThat(LegacyRoles.hasArrayColumn(test.database())).isTrue();
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void failedVerificationExitsWithOneAndOneLine(TestDatabase test) {
        test.database().migrate("0010");
        LegacyRoles.insert(test.database(), FORUM, "broken", Arrays.asList("a", null));

        CliRun run = run(Map.of(), "--database-url", test.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().filter(line -> line.startsWith("migrate-permissions: ")))
                .singleElement().asString()
                .contains("Verification failed", "array_remove(permissions, NULL)", "step 0012 was not applied");
        assertThat(test.database().schemaVersion()).contains("0011");
    }

    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void sqliteNeverHadTheColumn(TestDatabase test) {
        CliRun run = run(Map.of(), "--database-url", test.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Nothing to do: SQLite schemas never had the roles.permissions array column");
    }

    /** No default: the SQLite file's "nothing to do" would be a false success for a PostgreSQL deployment. */
    @Test
    void requiresAnExplicitDatabase() {
        for (Map<String, String> environment : List.of(Map.<String, String>of(), Map.of("DATABASE_URL", " "))) {
            CliRun run = run(environment);

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.err().strip()).isEqualTo("migrate-permissions: no database named: set DATABASE_URL or pass --database-url URL.");
        }
        assertThat(Files.exists(Path.of("data/atbb.db"))).isFalse();
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void takesDatabaseUrlAsTheOtherSubcommandsDo(TestDatabase test) {
        CliRun run = run(Map.of(), "--database-url", test.url());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Nothing to do: SQLite schemas never had");
    }

    @Test
    void unreachableDatabaseExitsWithOneAndMasksThePassword() {
        CliRun run = run(Map.of("DATABASE_URL", "postgres://atbb:s3cret-pw@127.0.0.1:1/atbb"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("migrate-permissions: Cannot connect to postgres://atbb:****@127.0.0.1:1/atbb")
                .doesNotContain("s3cret-pw")
                .doesNotContain("\n");
    }

    @Test
    void badUsageExitsWithTwo() {
        CliRun unknownOption = run(Map.of(), "--drop-everything");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--drop-everything'");

        CliRun badUrl = run(Map.of(), "--database-url", "mysql://root:hunter2@db/atbb");
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("Unsupported database URL 'mysql://root:****@db/atbb'").doesNotContain("hunter2");
    }

    @Test
    void printsHelp() {
        CliRun run = run(Map.of(), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: migrate-permissions", "--database-url=URL",
                "--no-drop, --stop-after-verify", "Exit codes:", "0   done, or nothing to do",
                "2   bad usage, or no database named");
    }

    private static CliRun run(Map<String, String> environment, String... args) {
        return CliRun.of(new CommandLine(new MigratePermissionsCommand(environment)), args);
    }
}
