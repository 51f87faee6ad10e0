package space.atbb.appview.cli;

import java.sql.SQLException;
import java.util.stream.Collectors;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseUrl;

/** How the commands show a failure they expect: its message alone, password masked. */
public final class FailureMessage {
    private FailureMessage() {
    }

    /**
     * Our own errors as written: they say what to do. For a database error reached through a
     * library, the database's own message is the clear part (step 0012's guard, thrown through
     * Flyway, would otherwise come with Flyway's report and the whole script), without
     * PostgreSQL's "Where:" context line.
     */
    public static String of(Throwable e) {
        String message = e.getMessage();
        if (!(e instanceof DatabaseException)) {
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
}
