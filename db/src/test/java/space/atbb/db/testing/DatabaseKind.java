package space.atbb.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;

/**
 * The databases every database test runs on, each knowing how to create, open and drop one of
 * its own. The fixture does it for a {@link DatabaseTest}; a test that needs settings of its own
 * (a short pool timeout) does it by hand:
 *
 * <pre>
 * String url = kind.create(false);
 * try (Database db = Databases.create(DatabaseConfig.builder(url).connectionTimeout(ofMillis(300)).build())) {
 *     ...
 * } finally {
 *     kind.drop(url);
 * }
 * </pre>
 */
public enum DatabaseKind {
    /** A file {@code atbb.db} in a temp directory of its own. */
    SQLITE_FILE(Dialect.SQLITE) {
        @Override
        public String create(boolean migrated) {
            try {
                return "file:" + Files.createTempDirectory("atbb-test-").resolve("atbb.db");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Removes the file's whole directory: the database, its WAL, its lock and control files. */
        @Override
        public void drop(String url) {
            Path directory = DatabaseUrl.parse(url).sqliteFile().orElseThrow().getParent();
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    },

    /** A fresh {@code :memory:} database: every open of the URL is a new one, gone when closed. */
    SQLITE_MEMORY(Dialect.SQLITE) {
        @Override
        public String create(boolean migrated) {
            return "file::memory:";
        }

        @Override
        public void drop(String url) {
            // Gone with its last connection.
        }

        @Override
        public boolean outlivesItsHandles() {
            return false;
        }
    },

    /** A database {@code atbb_test_RUN_N} on the run's one server ({@link TestPostgres}). */
    POSTGRES(Dialect.POSTGRES) {
        /** Cloned from a migrated template when {@code migrated}: much faster than migrating. */
        @Override
        public String create(boolean migrated) {
            return TestPostgres.get().createDatabase(migrated);
        }

        @Override
        public Database open(String url, boolean migrated) {
            return Databases.create(url); // created migrated
        }

        @Override
        public void drop(String url) {
            TestPostgres.get().dropDatabase(url);
        }
    };

    private final Dialect dialect;

    DatabaseKind(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /**
     * Creates a new database of this kind and returns its URL (with any password, for a child process).
     *
     * @param migrated whether the test wants every migration step applied; pass the same value to {@link #open}
     */
    public abstract String create(boolean migrated);

    /** Opens the database at a URL {@link #create} returned, with every migration step applied when {@code migrated}. */
    public Database open(String url, boolean migrated) {
        Database db = Databases.create(url);
        if (migrated) {
            try {
                db.migrate();
            } catch (RuntimeException e) {
                db.close();
                throw e;
            }
        }
        return db;
    }

    /** Removes the database at a URL {@link #create} returned; its handles must be closed first. */
    public abstract void drop(String url);

    /** Whether the database is still there once this process has closed it, for another process to open. */
    public boolean outlivesItsHandles() {
        return true;
    }
}
