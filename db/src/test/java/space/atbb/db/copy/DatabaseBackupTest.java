package space.atbb.db.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

class DatabaseBackupTest {
    @TempDir
    Path directory;

    /** A writer keeps committing while the backup runs: the backup holds all it committed before. */
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void backsUpWhileTheDatabaseIsWritten(Database db) throws Exception {
        SampleRows.write(db, 200);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong committed = new AtomicLong(202);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (long id = 100_000; writing.get(); id++) {
                try (Connection c = db.connection();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO posts (id, did, rkey, cid, text, "
                             + "created_at, indexed_at) VALUES (?, 'did:plc:alice', ?, 'c', 'live', 0, 0)")) {
                    insert.setLong(1, id);
                    insert.setString(2, "live" + id);
                    insert.executeUpdate();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        Thread.sleep(50);
        long before = committed.get();
        Path file = directory.resolve("nested/backup.db");
        DatabaseBackup.Backup backup = DatabaseBackup.sqlite(db, file);
        writing.set(false);
        writer.get();

        assertThat(backup.file()).isEqualTo(file.toAbsolutePath());
        assertThat(backup.bytes()).isEqualTo(Files.size(file)).isPositive();
        assertThat(Files.list(file.getParent())).containsExactly(file.toAbsolutePath());
        try (Database restored = Databases.create("file:" + file)) {
            assertThat(DatabaseCheck.run(restored).problems()).isEmpty();
            assertThat(count(restored)).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(committed.get());
        }
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void holdsWhatTheDatabaseHolds(Database db) throws SQLException {
        SampleRows.write(db, 30);
        Path file = directory.resolve("backup.db");
        DatabaseBackup.sqlite(db, file);
        try (Database restored = Databases.create("file:" + file)) {
            assertThat(DatabaseComparison.compare(db, restored)).hasSize(15).allMatch(TableComparison::matches);
        }
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void neverOverwritesAFile(Database db) throws IOException {
        Path file = Files.writeString(directory.resolve("precious.db"), "keep me");
        assertThatThrownBy(() -> DatabaseBackup.sqlite(db, file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already exists: name a new file");
        assertThat(Files.readString(file)).isEqualTo("keep me");
    }

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void pointsPostgresToPgDump(Database db) {
        assertThatThrownBy(() -> DatabaseBackup.sqlite(db, directory.resolve("x.db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pg_dump --format=custom");
        assertThat(Files.exists(directory.resolve("x.db"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void printsPgDumpWithThePasswordMasked() {
        String command = DatabaseBackup.pgDumpCommand(
                DatabaseUrl.parse("postgres://atbb:s3cr%40t@db.example:5432/atbb?sslmode=require"), Path.of("atbb's.dump"));
        assertThat(command).isEqualTo("PGPASSWORD='****' pg_dump --format=custom --file='atbb'\\''s.dump'"
                + " --dbname='postgresql://atbb@db.example:5432/atbb?sslmode=require'");
        assertThat(DatabaseBackup.pgDumpCommand(DatabaseUrl.parse("postgresql://postgres@127.0.0.1/atbb"), Path.of("a")))
                .isEqualTo("pg_dump --format=custom --file='a' --dbname='postgresql://postgres@127.0.0.1/atbb'");
    }

    private static long count(Database db) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM posts");
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
