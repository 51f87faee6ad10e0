package space.atbb.db;

import java.nio.file.Path;

/** Another process already holds the SQLite file: atBB keeps one writer per file. */
public class DatabaseLockedException extends DatabaseException {
    private final Path file;

    /** @param file the database file, resolved as {@link Database#sqliteFile()} names it */
    public DatabaseLockedException(Path file, Path lockFile) {
        super(Kind.LOCKED, "SQLite database " + file + " is already open in another process (it holds the lock "
                + lockFile + "). One process at a time may own a SQLite file.", null);
        this.file = file;
    }

    /** The database file, resolved: the same path {@link Database#sqliteFile()} gives its holder. */
    public Path file() {
        return file;
    }
}
