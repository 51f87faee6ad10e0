package space.atbb.appview.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.db.permissions.PermissionMigration;
import space.atbb.db.permissions.PermissionMigration.Outcome;
import space.atbb.db.permissions.PermissionMigration.Result;

/**
 * {@code migrate-permissions}: the PostgreSQL upgrade job that carries {@code roles.permissions}
 * into {@code role_permissions} and then drops the array column (steps 0011 → 0012).
 * Exit codes: 0 done or nothing to do, 1 verification or database failure, 2 bad usage.
 */
@Command(name = "migrate-permissions",
        description = {
            "Copies every roles.permissions array element into role_permissions, verifies that none is "
                    + "missing, then applies step 0012, which drops the array column (PostgreSQL).",
            "Safe to run again at any point. SQLite databases never had the column: nothing to do."},
        usageHelpWidth = 110,
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:done, or nothing to do", "1:verification failed, or a database error", "2:bad usage, or no database named"})
public final class MigratePermissionsCommand implements Callable<Integer> {
    private static final String NAME = "migrate-permissions";

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Database URL. Default: $DATABASE_URL; one of the two is required.")
    private String url;

    @Option(names = {"--no-drop", "--stop-after-verify"},
            description = "Stop after verification, before step 0012 drops roles.permissions.")
    private boolean noDrop;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> environment;

    public MigratePermissionsCommand() {
        this(System.getenv());
    }

    MigratePermissionsCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String given = url != null ? url : environment.get("DATABASE_URL");
        // No fallback to the SQLite default: a PostgreSQL deployment that forgot DATABASE_URL would
        // be told "nothing to do" and exit 0 with its arrays still in place.
        if (given == null || given.isBlank()) {
            err.println(NAME + ": no database named: set DATABASE_URL or pass --database-url URL.");
            return CommandLine.ExitCode.USAGE;
        }
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(given);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            return CommandLine.ExitCode.USAGE;
        }
        // Answered from the URL alone: opening the file would create it, or collide with a running appview.
        if (parsed.dialect() == Dialect.SQLITE) {
            out.println(describe(Outcome.NOT_APPLICABLE));
            return CommandLine.ExitCode.OK;
        }
        try (Database db = Databases.create(parsed)) {
            out.println("Database: " + db.url() + ", schema at step " + db.schemaVersion().orElse("(none)"));
            Result result = new PermissionMigration(db).run(!noDrop, (done, total) ->
                    err.printf("Copying permissions: %d/%d roles (%d%%)%n", done, total, total == 0 ? 100 : done * 100 / total));
            if (result.outcome() == Outcome.MIGRATED || result.outcome() == Outcome.VERIFIED) {
                out.println("Roles seen: " + result.rolesSeen());
                out.println("Permissions copied: " + result.permissionsCopied());
                out.println("Permissions already present: " + result.permissionsAlreadyPresent());
                out.println("Verified: every role's rows in role_permissions hold every distinct element of its array.");
            }
            out.println(describe(result.outcome()));
            return CommandLine.ExitCode.OK;
        } catch (RuntimeException e) {
            err.println(NAME + ": " + oneLine(e, parsed));
            return CommandLine.ExitCode.SOFTWARE;
        }
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case MIGRATED -> "Applied step " + PermissionMigration.DROP_STEP + ": roles.permissions is dropped. Done.";
            case VERIFIED -> "Stopped before step " + PermissionMigration.DROP_STEP + " as asked: roles.permissions "
                    + "is still there. Run again without --no-drop to drop it.";
            case ALREADY_MIGRATED -> "Nothing to do: the schema is at step " + PermissionMigration.DROP_STEP
                    + " or later, where permissions live in role_permissions and roles.permissions is gone.";
            case NOT_APPLICABLE -> "Nothing to do: SQLite schemas never had the roles.permissions array column; "
                    + "their permissions have always been in role_permissions.";
        };
    }

    /** The failure as one line, the password masked also where it appears outside a URL. */
    private static String oneLine(RuntimeException e, DatabaseUrl url) {
        String line = FailureMessage.of(e).lines()
                .map(String::strip)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(" "));
        return url.password().filter(p -> !p.isEmpty()).map(p -> line.replace(p, "****")).orElse(line);
    }
}
