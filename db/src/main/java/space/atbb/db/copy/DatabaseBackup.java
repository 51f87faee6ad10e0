package space.atbb.db.copy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Dialect;

/**
 * Online backups. A SQLite database is written to a new file with {@code VACUUM INTO} through the
 * connection its owner already holds, so it is one consistent state while the owner keeps
 * working, and never a copy of the file taken underneath SQLite. PostgreSQL has its own tool:
 * {@link #pgDumpCommand} says how to call it.
 *
 * <pre>
 * try (Database db = Databases.create("file:./data/atbb.db")) {
 *     Backup backup = DatabaseBackup.sqlite(db, Path.of("backup.db"));
 *     System.out.println(backup.bytes() + " bytes in " + backup.elapsed());
 * }
 * </pre>
 */
public final class DatabaseBackup {
    private DatabaseBackup() {
    }

    /** A finished backup: the file, its size, and how long it took (integrity check included). */
    public record Backup(Path file, long bytes, Duration elapsed) {
    }

    /**
     * Writes the database to {@code file}, which must not exist yet, then runs {@code integrity_check}
     * on the result. The file appears under its name only once it passed: a failed backup leaves nothing.
     *
     * @throws IllegalArgumentException when the database is not SQLite, or the file exists
     * @throws DatabaseException        when the backup or its check fails
     */
    public static Backup sqlite(Database db, Path file) {
        if (db.dialect() != Dialect.SQLITE) {
            throw new IllegalArgumentException("An online backup file is for SQLite; back up " + db.url()
                    + " with: " + pgDumpCommand(db.url(), file));
        }
        Path target = file.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new IllegalArgumentException("The backup file " + target + " already exists: name a new file");
        }
        long started = System.nanoTime();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            try (Connection connection = db.connection()) {
                try (PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
                    vacuum.setString(1, partial.toString());
                    vacuum.execute();
                }
                List<String> problems = integrityOf(connection, partial);
                if (!problems.isEmpty()) {
                    throw new DatabaseException("The backup " + partial + " of " + db.url()
                            + " failed its integrity check: " + problems);
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new Backup(target, Files.size(target), Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException | IOException e) {
            throw new DatabaseException("Backup of " + db.url() + " to " + target + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // Only a leftover of a failed backup; the message above says what failed.
            }
        }
    }

    /** Checks the new file through the same connection (attached), so no second handle opens it. */
    private static List<String> integrityOf(Connection connection, Path file) throws SQLException {
        try (PreparedStatement attach = connection.prepareStatement("ATTACH DATABASE ? AS atbb_backup")) {
            attach.setString(1, file.toString());
            attach.execute();
        }
        List<String> problems = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("PRAGMA atbb_backup.integrity_check")) {
                while (rows.next()) {
                    if (!rows.getString(1).equals("ok")) {
                        problems.add(rows.getString(1));
                    }
                }
            } finally {
                statement.execute("DETACH DATABASE atbb_backup");
            }
        }
        return problems;
    }

    /**
     * The {@code pg_dump} command that backs up this PostgreSQL database into {@code file}, in its
     * custom format (restore with {@code pg_restore}); the password shown as {@code ****}.
     *
     * <pre>
     * PGPASSWORD='****' pg_dump --format=custom --file='atbb.dump' --dbname='postgresql://atbb@db:5432/atbb'
     * </pre>
     */
    public static String pgDumpCommand(DatabaseUrl url, Path file) {
        if (url.dialect() != Dialect.POSTGRES) {
            throw new IllegalArgumentException(url + " is not a PostgreSQL URL");
        }
        String address = url.jdbcUrl().substring("jdbc:postgresql://".length());
        String user = url.user().map(u -> u + "@").orElse("");
        return (url.password().isPresent() ? "PGPASSWORD='****' " : "") + "pg_dump --format=custom --file="
                + shellQuote(file.toString()) + " --dbname=" + shellQuote("postgresql://" + user + address);
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
