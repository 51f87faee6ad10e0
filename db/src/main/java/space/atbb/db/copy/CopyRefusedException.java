package space.atbb.db.copy;

import space.atbb.db.DatabaseException;

/**
 * A copy that was not started, because running it would lose or mix data; nothing was written.
 * {@link #reason()} lets a caller add its own advice (the command to run) to the message.
 */
public class CopyRefusedException extends DatabaseException {
    public enum Reason {
        /** Source and target are one database. */
        SAME_DATABASE,
        /** The source's schema is not the version this build knows (behind it, ahead of it, or unmigrated). */
        SOURCE_SCHEMA,
        /** The source is itself the target of an unfinished copy. */
        SOURCE_INCOMPLETE,
        /** The target holds rows, or tables that are not atBB's. */
        TARGET_NOT_EMPTY,
        /** The target holds an unfinished copy and resuming was not asked for. */
        UNFINISHED_COPY,
        /** Resuming was asked for, but the unfinished copy came from another source. */
        OTHER_SOURCE,
        /** Source and target hold different tables or columns after migration. */
        SCHEMA_MISMATCH
    }

    private final Reason reason;

    public CopyRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
