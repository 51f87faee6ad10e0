package space.atbb.db.testing;

import space.atbb.db.Database;

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
    private Database database;

    private DatabaseLocation(DatabaseKind kind, String url) {
        this.kind = kind;
        this.url = url;
    }

    /** @param migrated whether to apply every migration step first (the handle that does it is closed again) */
    static DatabaseLocation create(DatabaseKind kind, boolean migrated) {
        if (!kind.outlivesItsHandles()) {
            throw new IllegalArgumentException(kind + " has no location another process can open: "
                    + "run this test on kinds = {SQLITE_FILE, POSTGRES}");
        }
        if (!migrated) {
            return new DatabaseLocation(kind, kind.create(false));
        }
        DatabaseLocation location = createOpen(kind, true);
        location.database.close();
        location.database = null;
        return location;
    }

    /** A new database opened in this process at once, what {@link TestDatabase} holds; any kind. */
    static DatabaseLocation createOpen(DatabaseKind kind, boolean migrated) {
        DatabaseLocation location = new DatabaseLocation(kind, kind.create(migrated));
        try {
            location.database = kind.open(location.url, migrated);
        } catch (RuntimeException e) {
            location.close();
            throw e;
        }
        return location;
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
            database = kind.open(url, false);
        }
        return database;
    }

    /** The handle {@link #open()} gave, or null. */
    Database opened() {
        return database;
    }

    @Override
    public void close() {
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            kind.drop(url);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
