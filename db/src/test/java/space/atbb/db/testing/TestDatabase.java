package space.atbb.db.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import space.atbb.db.Database;
import space.atbb.db.Databases;

/**
 * A fresh database of one kind for one test: a SQLite file in its own temp directory, a fresh
 * SQLite {@code :memory:}, or a new database on the run's PostgreSQL server. Closing it closes
 * the handle and removes the database.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseKind kind;
    private final String url;
    private final Path directory;
    private final Database database;

    private TestDatabase(DatabaseKind kind, String url, Path directory, Database database) {
        this.kind = kind;
        this.url = url;
        this.directory = directory;
        this.database = database;
    }

    /** @param migrated whether to apply every migration step first */
    public static TestDatabase create(DatabaseKind kind, boolean migrated) {
        switch (kind) {
            case POSTGRES -> {
                // PostgreSQL databases are cloned from a migrated template: much faster than migrating.
                String url = TestPostgres.get().createDatabase(migrated);
                return new TestDatabase(kind, url, null, Databases.create(url));
            }
            case SQLITE_FILE -> {
                Path directory = createTempDirectory();
                String url = "file:" + directory.resolve("atbb.db");
                return open(kind, url, directory, migrated);
            }
            default -> {
                return open(kind, "file::memory:", null, migrated);
            }
        }
    }

    private static TestDatabase open(DatabaseKind kind, String url, Path directory, boolean migrated) {
        Database database = Databases.create(url);
        if (migrated) {
            database.migrate();
        }
        return new TestDatabase(kind, url, directory, database);
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
        return directory;
    }

    @Override
    public void close() {
        database.close();
        if (kind == DatabaseKind.POSTGRES) {
            TestPostgres.get().dropDatabase(url);
        }
        if (directory != null) {
            deleteRecursively(directory);
        }
    }

    @Override
    public String toString() {
        return kind.name();
    }

    static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("atbb-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
