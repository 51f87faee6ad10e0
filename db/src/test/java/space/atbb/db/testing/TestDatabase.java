package space.atbb.db.testing;

import java.nio.file.Path;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;

/**
 * A fresh database of one kind for one test: a SQLite file in its own temp directory, a fresh
 * SQLite {@code :memory:}, or a new database on the run's PostgreSQL server. Closing it closes
 * the handle and removes the database.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseLocation location;

    private TestDatabase(DatabaseLocation location) {
        this.location = location;
    }

    /** @param migrated whether to apply every migration step first */
    public static TestDatabase create(DatabaseKind kind, boolean migrated) {
        return new TestDatabase(DatabaseLocation.createOpen(kind, migrated));
    }

    public DatabaseKind kind() {
        return location.kind();
    }

    /** The URL the database was opened with; opening it again shares the same SQLite pool. */
    public String url() {
        return location.url();
    }

    public Database database() {
        return location.opened();
    }

    /** The SQLite file's directory, or null. */
    public Path directory() {
        return DatabaseUrl.parse(url()).sqliteFile().map(Path::getParent).orElse(null);
    }

    @Override
    public void close() {
        location.close();
    }

    @Override
    public String toString() {
        return location.toString();
    }
}
