package space.atbb.db.testing;

import java.nio.file.Path;
import space.atbb.db.Database;
import space.atbb.db.Databases;

/**
 * A fresh database of one kind that this process leaves closed, for a test that hands its URL to
 * another process: a child JVM can only take a SQLite file's lock while no handle here holds it.
 * Take it as a parameter of a {@link DatabaseTest}; the fixture removes it after the test. It is
 * a database of its own, apart from the {@code Database} the same test may also take.
 *
 * <pre>
 * &#64;DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
 * void survivesAKill(DatabaseLocation location) {
 *     Process child = start("--database-url", location.url());
 *     ...                                  // the child exits
 *     Database db = location.open();       // the one handle of this process
 * }
 * </pre>
 *
 * {@link DatabaseKind#SQLITE_MEMORY} has no location: it lives and dies inside one process.
 */
public final class DatabaseLocation implements AutoCloseable {
    private final DatabaseKind kind;
    private final String url;
    private final Path directory;
    private Database database;

    private DatabaseLocation(DatabaseKind kind, String url, Path directory) {
        this.kind = kind;
        this.url = url;
        this.directory = directory;
    }

    /** @param migrated whether to apply every migration step first (the handle that does it is closed again) */
    static DatabaseLocation create(DatabaseKind kind, boolean migrated) {
        switch (kind) {
            case POSTGRES -> {
                return new DatabaseLocation(kind, TestPostgres.get().createDatabase(migrated), null);
            }
            case SQLITE_FILE -> {
                Path directory = TestDatabase.createTempDirectory();
                String url = "file:" + directory.resolve("atbb.db");
                if (migrated) {
                    try (Database db = Databases.create(url)) {
                        db.migrate();
                    }
                }
                return new DatabaseLocation(kind, url, directory);
            }
            default -> throw new IllegalArgumentException(kind + " has no location another process can open: "
                    + "run this test on kinds = {SQLITE_FILE, POSTGRES}");
        }
    }

    public DatabaseKind kind() {
        return kind;
    }

    /** The URL to give the other process. */
    public String url() {
        return url;
    }

    /**
     * Opens the database in this process, once; later calls return the same handle. On SQLite,
     * call it only when no other process holds the file, and before starting one that needs it.
     */
    public Database open() {
        if (database == null) {
            database = Databases.create(url);
        }
        return database;
    }

    @Override
    public void close() {
        if (database != null) {
            database.close();
        }
        if (kind == DatabaseKind.POSTGRES) {
            TestPostgres.get().dropDatabase(url);
        }
        if (directory != null) {
            TestDatabase.deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
