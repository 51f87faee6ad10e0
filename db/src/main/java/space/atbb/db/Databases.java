package space.atbb.db;

import space.atbb.db.internal.Engine;

/**
 * Opens databases. The URL alone picks the dialect:
 *
 * <pre>
 * Databases.create("postgres://atbb:secret@localhost:5432/atbb"); // PostgreSQL, pool of 10
 * Databases.create("file:./data/atbb.db");                        // SQLite file, pool of 1
 * Databases.create("file::memory:");                              // a fresh in-memory SQLite
 * </pre>
 *
 * The same SQLite file opened twice in one process gives two handles on one shared pool;
 * a file already open in another process is refused with {@link DatabaseLockedException}.
 */
public final class Databases {
    private Databases() {
    }

    /**
     * @throws IllegalArgumentException when the URL is not one of {@link DatabaseUrl#ACCEPTED_FORMS}
     * @throws DatabaseLockedException  when another process holds the SQLite file
     * @throws DatabaseException        when the database cannot be reached or created
     */
    public static Database create(String url) {
        return create(DatabaseUrl.parse(url));
    }

    /**
     * Opens a URL parsed earlier, for example while validating a configuration: it is not parsed again.
     *
     * <pre>
     * DatabaseUrl url = DatabaseUrl.parse(System.getenv("DATABASE_URL"));
     * Databases.create(url);
     * </pre>
     *
     * @throws DatabaseLockedException when another process holds the SQLite file
     * @throws DatabaseException       when the database cannot be reached or created
     */
    public static Database create(DatabaseUrl url) {
        return create(DatabaseConfig.builder(url).build());
    }

    public static Database create(DatabaseConfig config) {
        return new Database(Engine.acquire(config));
    }
}
