package space.atbb.db;

/** A database could not be opened, migrated or used; the message says what to do about it. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message) {
        super(message);
    }

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
