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
    private final DatabaseKind kind;
    private final String url;
    private final Database database;

    private TestDatabase(DatabaseKind kind, String url, Database database) {
        this.kind = kind;
        this.url = url;
        this.database = database;
    }

    /** @param migrated whether to apply every migration step first */
    public static TestDatabase create(DatabaseKind kind, boolean migrated) {
        String url = kind.create(migrated);
        try {
            return new TestDatabase(kind, url, kind.open(url, migrated));
        } catch (RuntimeException e) {
            kind.drop(url);
            throw e;
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The URL the database was opened with; opening it again shares the same SQLite pool. */
    public String url() {
        return url;
    }

    public Database database() {
        return database;
    }

    /** The SQLite file's directory, or null. */
    public Path directory() {
        return DatabaseUrl.parse(url).sqliteFile().map(Path::getParent).orElse(null);
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            kind.drop(url);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
