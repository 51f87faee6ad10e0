package space.atbb.db;

import java.util.Objects;

/**
 * A database could not be opened, migrated or used. The message says what happened in the
 * database's terms; {@link #kind()} lets an application add its own advice (which setting or
 * command to change) without parsing the message.
 *
 * <pre>
 * catch (DatabaseException e) {
 *     if (e.kind() == DatabaseException.Kind.SCHEMA_BEHIND) { ... tell the operator to migrate ... }
 * }
 * </pre>
 */
public class DatabaseException extends RuntimeException {
    /** What went wrong, for failures an operator fixes in a particular way. */
    public enum Kind {
        /** No more specific kind. */
        GENERAL,
        /** A SQLite file's directory cannot be created, written or resolved. */
        FILE_NOT_USABLE,
        /** Another process holds the SQLite file: {@link DatabaseLockedException}. */
        LOCKED,
        /** The schema has steps this build does not know: a newer version migrated it. */
        SCHEMA_NEWER,
        /** A migration step failed part-way. */
        SCHEMA_FAILED,
        /** The schema is before the step that moves role permissions into their own table. */
        SCHEMA_BEFORE_PERMISSIONS_STEP,
        /** The schema has pending steps, and this dialect leaves migrating to the operator. */
        SCHEMA_BEHIND,
        /**
         * The database server refused or did not answer a connection (SQLState class 08): it is down,
         * or the URL names the wrong host or port. Callers fail at once while it stays so, and
         * succeed again once it answers.
         */
        UNREACHABLE,
    }

    private final Kind kind;

    public DatabaseException(String message) {
        this(Kind.GENERAL, message, null);
    }

    public DatabaseException(String message, Throwable cause) {
        this(Kind.GENERAL, message, cause);
    }

    public DatabaseException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
