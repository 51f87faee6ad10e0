package space.atbb.db;

import java.nio.file.Path;

/** Another process already holds the SQLite file: atBB keeps one writer per file. */
public class DatabaseLockedException extends DatabaseException {
    private final Path file;

    public DatabaseLockedException(Path file, Path lockFile) {
        super("SQLite database " + file + " is already open in another process (it holds the lock "
                + lockFile + "). One process at a time may own a SQLite file: stop the other process "
                + "(for example a running appview, whose admin commands work while it runs), "
                + "or point DATABASE_URL at another file.");
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
