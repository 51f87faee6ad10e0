package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;

/** The single-handle rule: one pool of one connection per SQLite file per process. */
class SqlitePoolTest {
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void setsEveryPragmaOnTheConnection(Database db, DatabaseKind kind) throws SQLException {
        assertThat(db.poolStats().size()).isEqualTo(1);
        try (Connection c = db.connection()) {
            assertThat(pragma(c, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(c, "busy_timeout")).isEqualTo("5000");
            SQLiteConfig config = c.unwrap(SQLiteConnection.class).getDatabase().getConfig();
            assertThat(config.getTransactionMode()).isEqualTo(SQLiteConfig.TransactionMode.IMMEDIATE);
            if (kind == DatabaseKind.SQLITE_FILE) {
                assertThat(pragma(c, "journal_mode")).isEqualTo("wal");
                assertThat(pragma(c, "synchronous")).isEqualTo("1"); // NORMAL
                assertThat(pragma(c, "cache_size")).isEqualTo("-65536"); // KiB
                assertThat(pragma(c, "wal_autocheckpoint")).isEqualTo("10000"); // pages
            } else {
                assertThat(pragma(c, "journal_mode")).isEqualTo("memory");
            }
        }
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void sharesOnePoolHoweverTheFileIsSpelled(TestDatabase fixture) throws Exception {
        Path file = fixture.directory().resolve("atbb.db");
        Path link = fixture.directory().resolve("link.db");
        Files.createSymbolicLink(link, file);
        String relative = Path.of("").toAbsolutePath().relativize(file).toString();
        String[] spellings = {
            "file:" + file, "jdbc:sqlite:" + file, "file:" + relative,
            "file:" + fixture.directory().resolve("sub/../atbb.db"), "file:" + link,
        };
        for (String url : spellings) {
            try (Database again = Databases.create(url); Connection held = again.connection()) {
                // The fixture's handle sees the connection this one holds: one pool.
                assertThat(fixture.database().poolStats().borrowed()).as(url).isEqualTo(1);
            }
        }
        // Closing the other handles left the fixture's pool open.
        assertThat(countForums(fixture.database())).isZero();
    }

    /** The one name of the file, which the lock, {@link DatabaseLockedException#file()} and the control file use. */
    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void namesTheFileByItsRealPathHoweverItIsSpelled(TestDatabase fixture) throws Exception {
        Path real = fixture.directory().resolve("atbb.db").toRealPath();
        Path link = Files.createSymbolicLink(fixture.directory().resolve("named-by-link.db"), real);
        try (Database viaLink = Databases.create("file:" + link)) {
            assertThat(viaLink.sqliteFile()).contains(real);
        }
        assertThat(fixture.database().sqliteFile()).contains(real);
        try (Database memory = Databases.create("file::memory:")) {
            assertThat(memory.sqliteFile()).isEmpty();
        }
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void storesInstantsAsEpochMillisAndBooleansAsIntegers(Database db) throws SQLException {
        java.time.Instant at = java.time.Instant.parse("2026-11-22T10:00:00.123Z");
        db.useTransaction(s -> s.persist(new space.atbb.db.schema.User("did:plc:alice", at)));
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT typeof(indexed_at), indexed_at FROM users")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("integer");
            assertThat(rs.getLong(2)).isEqualTo(at.toEpochMilli());
        }
    }

    @Test
    void closesThePoolOnlyOnTheLastClose(@TempDir Path dir) throws Exception {
        String url = "file:" + dir.resolve("refcount.db");
        Database first = Databases.create(url);
        Database second = Databases.create(url);
        SQLiteConnection pooled = physical(first);

        first.close();
        first.close(); // a handle's second close does not take another handle's reference
        assertThat(pooled.isClosed()).isFalse();
        second.migrate();
        assertThat(countForums(second)).isZero();
        assertThatThrownBy(first::poolStats).hasMessageContaining("is closed");

        second.close();
        assertThat(pooled.isClosed()).as("the pool's connection, closed with the pool").isTrue();

        try (Database reopened = Databases.create(url)) {
            assertThat(physical(reopened)).isNotSameAs(pooled);
            assertThat(countForums(reopened)).isZero(); // the data outlived the pool
        }
    }

    @Test
    void givesEachMemoryDatabaseItsOwnData() throws SQLException {
        try (Database a = Databases.create("file::memory:"); Database b = Databases.create("jdbc:sqlite::memory:")) {
            assertThat(physical(a)).isNotSameAs(physical(b));
            a.migrate();
            assertThat(a.schemaVersion()).isPresent();
            assertThat(b.schemaVersion()).isEmpty();
        }
    }

    @Test
    void keepsAMemoryDatabaseAliveBetweenBorrows() throws SQLException {
        try (Database db = Databases.create("file::memory:")) {
            db.migrate();
            for (int i = 0; i < 3; i++) {
                assertThat(countForums(db)).isZero(); // the tables are still there
            }
        }
    }

    /**
     * Callers get the one connection in the order they asked, and the thread that returns it
     * cannot take it straight back ahead of them (HikariCP alone would let it).
     */
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void handsTheConnectionOutInTheOrderItWasAskedFor(Database db) throws Exception {
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        try (Connection held = db.connection()) {
            for (int i = 0; i < 5; i++) {
                int caller = i;
                Thread waiter = new Thread(() -> {
                    try (Connection c = db.connection()) {
                        served.add(caller);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
                waiter.start();
                awaitWaiting(waiter);
                waiters.add(waiter);
            }
        }
        try (Connection again = db.connection()) {
            served.add(-1); // the thread that held it asks again at once: after the five already waiting
        }
        for (Thread waiter : waiters) {
            waiter.join(10_000);
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, -1);
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        for (int i = 0; i < 1000 && thread.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(5);
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }

    @Test
    void refusesASecondConnectionWhileTheOnlyOneIsHeld() {
        DatabaseConfig config = DatabaseConfig.builder("file::memory:").connectionTimeout(Duration.ofMillis(300)).build();
        try (Database db = Databases.create(config)) {
            db.migrate();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (Connection held = db.connection()) {
                    assertThatThrownBy(db::connection)
                            .isInstanceOf(DatabaseException.class)
                            .hasMessageContaining("SQLite database has one connection")
                            .hasMessageContaining("total=1, active=1");
                }
                // A transaction that asks for its own connection inside another one fails the same way.
                assertThatThrownBy(() -> db.useTransaction(s -> {
                    s.createNativeQuery("select count(*) from forums", Long.class).getSingleResult();
                    db.useTransaction(inner -> inner.createNativeQuery("select 1", Integer.class).getSingleResult());
                })).isInstanceOf(DatabaseException.class).hasMessageContaining("must use it rather than ask for a second");
            });
            assertThat(db.poolStats().allReturned()).isTrue();
        }
    }

    @Test
    void createsAMissingDirectory(@TempDir Path dir) {
        Path file = dir.resolve("a/b/c/atbb.db");
        try (Database db = Databases.create("file:" + file)) {
            db.migrate();
        }
        assertThat(file).exists();
    }

    @Test
    void explainsAPathThatCannotBeCreated(@TempDir Path dir) throws Exception {
        Path regularFile = Files.createFile(dir.resolve("not-a-directory"));
        assertThatThrownBy(() -> Databases.create("file:" + regularFile.resolve("atbb.db")))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("is not a directory");
        // /proc refuses new directories even to root.
        assertThatThrownBy(() -> Databases.create("file:/proc/atbb-test/atbb.db"))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Cannot create the directory /proc/atbb-test")
                .hasMessageNotContaining("DATABASE_URL")
                .satisfies(e -> assertThat(((DatabaseException) e).kind()).isEqualTo(DatabaseException.Kind.FILE_NOT_USABLE));
    }

    /** The driver's connection behind the pool's proxy: the same object for as long as the pool lives. */
    private static SQLiteConnection physical(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            return c.unwrap(SQLiteConnection.class);
        }
    }

    private static String pragma(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static long countForums(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM forums")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
