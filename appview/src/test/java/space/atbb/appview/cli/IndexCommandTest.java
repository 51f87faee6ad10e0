package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;

/** {@code index}: a file, or the sample forum shipped in the jar. */
class IndexCommandTest {
    /** In-memory SQLite is left out: the command opens the database by URL, and each :memory: is new. */
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
    void loadsTheSampleForumOnceWithNoForumDidConfigured(TestDatabase test) throws SQLException {
        CliRun first = CliRun.appview("index", "--sample", "--database-url", test.url());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo("Applied 73 event(s) from the sample forum.\n");
        assertThat(single(test.database(), "SELECT name FROM forums")).isEqualTo("atBB Sample Forum");
        assertThat(single(test.database(), "SELECT count(*) FROM categories")).isEqualTo("3");

        CliRun again = CliRun.appview("index", "--sample", "--database-url", test.url());
        assertThat(again.out()).startsWith("Applied 0 event(s) from the sample forum. 73 event(s) were at or before"
                + " the cursor stored for a file of this name");
    }

    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
    void saysHowManyEventsItRefused(TestDatabase test) throws URISyntaxException {
        Path file = Path.of(IndexCommandTest.class.getResource("/indexer/small-forum.jsonl").toURI());

        CliRun run = CliRun.appview("index", "--from", file.toString(), "--forum-did", "did:plc:forum",
                "--database-url", test.url());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Applied 12 event(s) from " + file + ". 3 event(s) were refused (invalid,"
                + " untrusted or for another forum); the log says why.\n");
    }

    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void takesExactlyOneSource(TestDatabase test) {
        assertThat(CliRun.appview("index", "--database-url", test.url()).err())
                .contains("Missing required argument", "--from=FILE.jsonl", "--sample");
        CliRun both = CliRun.appview("index", "--sample", "--from", "events.jsonl", "--database-url", test.url());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    private static String single(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
