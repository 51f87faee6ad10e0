package space.atbb.db.copy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseLocation;
import space.atbb.db.testing.DatabaseTest;

/** The check passes a freshly migrated database and catches each kind of damage it looks for. */
class DatabaseCheckTest {
    @DatabaseTest
    void passesAFreshlyMigratedDatabase(Database db) throws SQLException {
        SampleRows.write(db, 5);
        DatabaseCheck.Report report = DatabaseCheck.run(db);
        assertThat(report.problems()).isEmpty();
        assertThat(report.healthy()).isTrue();
        assertThat(db.schemaVersion()).contains(report.schemaVersion());
    }

    @DatabaseTest
    void catchesADroppedIndex(Database db) throws SQLException {
        execute(db, "DROP INDEX posts_board_id_idx");
        assertThat(DatabaseCheck.run(db).problems())
                .containsExactly("index posts_board_id_idx (on posts [board_id]) is missing");
    }

    @DatabaseTest
    void catchesAnEditedMigrationChecksum(Database db) throws SQLException {
        String version = db.schemaVersion().orElseThrow();
        execute(db, "UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '" + version + "'");
        assertThat(DatabaseCheck.run(db).problems()).singleElement().asString()
                .startsWith("migration " + version + " (").contains("checksum");
    }

    @DatabaseTest(migrated = false)
    void catchesAnUnmigratedDatabase(Database db) {
        assertThat(DatabaseCheck.run(db).problems()).singleElement().asString()
                .startsWith("schema: not migrated (this build's schema is version ");
    }

    @DatabaseTest
    void catchesAnUnfinishedCopy(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            CopyState.begin(c, "SQLITE /tmp/elsewhere.db", java.util.List.of());
        }
        assertThat(DatabaseCheck.run(db).problems())
                .containsExactly("an unfinished copy of SQLITE /tmp/elsewhere.db: resume it before serving from this database");
    }

    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void catchesAnInvalidIndexAndAnUnvalidatedConstraint(Database db) throws SQLException {
        execute(db, "UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'posts_board_uri_idx'::regclass");
        execute(db, "ALTER TABLE posts ADD CONSTRAINT posts_text_not_empty CHECK (text <> '') NOT VALID");
        assertThat(DatabaseCheck.run(db).problems()).containsExactly(
                "index posts_board_uri_idx is invalid (an interrupted CREATE INDEX CONCURRENTLY or a failed REINDEX):"
                        + " REINDEX INDEX posts_board_uri_idx",
                "constraint posts_text_not_empty on posts is not validated: ALTER TABLE posts VALIDATE CONSTRAINT"
                        + " posts_text_not_empty");
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void catchesACorruptedPage(DatabaseLocation location) throws Exception {
        Database db = location.open();
        SampleRows.write(db, 3000);
        long page;
        long pageSize;
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            try (ResultSet row = s.executeQuery("SELECT rootpage FROM sqlite_master WHERE name = 'posts_board_uri_idx'")) {
                row.next();
                page = row.getLong(1);
            }
            try (ResultSet row = s.executeQuery("PRAGMA page_size")) {
                row.next();
                pageSize = row.getLong(1);
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        db.close();
        Path file = Path.of(location.url().substring("file:".length()));
        byte[] garbage = new byte[(int) pageSize - 16];
        new Random(7).nextBytes(garbage);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek((page - 1) * pageSize + 16);
            raw.write(garbage);
        }
        try (Database reopened = space.atbb.db.Databases.create(location.url())) {
            assertThat(DatabaseCheck.run(reopened).problems()).isNotEmpty()
                    .anySatisfy(problem -> assertThat(problem).startsWith("integrity_check: "))
                    .allSatisfy(problem -> assertThat(problem).matches("(integrity|foreign_key)_check: .*"));
        }
    }

    private static void execute(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
