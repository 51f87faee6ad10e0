package space.atbb.appview.cli;

import java.sql.SQLException;
import java.util.stream.Collectors;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.SchemaStatus;

/**
 * How the commands show a failure they expect: its message, then what the operator does about
 * it (which variable, which script), password masked. The db library's messages say what
 * happened in its own terms; the advice in the appview's terms is added here, by the
 * exception's {@link DatabaseException.Kind}.
 */
public final class FailureMessage {
    private FailureMessage() {
    }

    /**
     * Our own errors as written, with their advice. For a database error reached through a
     * library, the database's own message is the clear part (step 0012's guard, thrown through
     * Flyway, would otherwise come with Flyway's report and the whole script), without
     * PostgreSQL's "Where:" context line.
     */
    public static String of(Throwable e) {
        String message = e.getMessage();
        if (e instanceof DatabaseException database) {
            String advice = advice(database.kind());
            message = advice == null ? message : message + " " + advice;
        } else {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql) {
                    message = sql.getMessage();
                    break;
                }
            }
        }
        if (message == null) {
            return e.getClass().getName();
        }
        return DatabaseUrl.mask(message.lines()
                .filter(line -> !line.strip().startsWith("Where:"))
                .collect(Collectors.joining("\n")));
    }

    /** What to do, or null when the message says it all. */
    private static String advice(DatabaseException.Kind kind) {
        return switch (kind) {
            case GENERAL -> null;
            case FILE_NOT_USABLE -> "Create the directory, writable for this user, or point DATABASE_URL at a writable place.";
            case LOCKED -> "Stop the other process (for example a running appview, whose admin commands work while it"
                    + " runs), or point DATABASE_URL at another file.";
            case SCHEMA_NEWER -> "An older appview must not write into a newer schema: run the newer version, or restore"
                    + " a backup taken before the upgrade.";
            case SCHEMA_FAILED -> "Restore a backup, or repair the schema by hand and run flyway repair, before starting"
                    + " atBB.";
            case SCHEMA_BEFORE_PERMISSIONS_STEP -> "Run ./scripts/migrate-permissions, which copies them into"
                    + " role_permissions and applies " + SchemaStatus.PERMISSIONS_STEP + ", then ./scripts/migrate for"
                    + " the later steps, then start the server again.";
            case SCHEMA_BEHIND -> "Run ./scripts/appview migrate (or ./scripts/migrate), then start the server again.";
            case UNREACHABLE -> "DATABASE_URL (or --database-url) names the server; a running appview connects again"
                    + " by itself once it answers.";
        };
    }
}
