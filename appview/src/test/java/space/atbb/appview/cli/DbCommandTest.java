package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.Main;
import space.atbb.appview.control.IndexerReplay;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.copy.DatabaseComparison;
import space.atbb.db.copy.TableComparison;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.TestDatabase;

/**
 * {@code appview db copy|backup|check} as an operator runs them: a forum indexed into a SQLite
 * file, moved to PostgreSQL and back, killed part-way and resumed, and refused bad input.
 */
class DbCommandTest {
    private static final String PASSWORD = "s3cret-pass";

    @TempDir
    Path dir;

    @Test
    void movesAnIndexedForumToPostgresAndBackWithTheSameAnswers() throws Exception {
        String sqlite = indexedSampleForum();
        String token = run("sessions", "create", "--did", "did:plc:alice", "--database-url", sqlite).trim();
        try (TestDatabase postgres = TestDatabase.create(DatabaseKind.POSTGRES, false)) {
            String target = withPassword(postgres.url());
            CliRun copy = CliRun.appview("db", "copy", "--from", sqlite, "--to", target);
            assertThat(copy.exitCode()).as(copy.err()).isZero();
            assertThat(copy.out()).contains("posts: ").contains("identical").doesNotContain("DIFFERENT")
                    .contains("Copied and verified").contains(":****@").doesNotContain(PASSWORD);
            assertThat(copy.err()).doesNotContain(PASSWORD);

            try (Database original = Databases.create(sqlite); Database moved = Databases.create(target)) {
                assertSameAnswers(original, moved, token);
            }
            try (TestDatabase fresh = TestDatabase.create(DatabaseKind.POSTGRES, true)) {
                assertThat(schemaDump(postgres.url())).isEqualTo(schemaDump(fresh.url()));
            }

            String back = "file:" + dir.resolve("back.db");
            CliRun copyBack = CliRun.appview("db", "copy", "--from", target, "--to", back);
            assertThat(copyBack.exitCode()).as(copyBack.err()).isZero();
            try (Database original = Databases.create(sqlite); Database returned = Databases.create(back)) {
                List<TableComparison> tables = DatabaseComparison.compare(original, returned);
                assertThat(tables).hasSize(15).allMatch(TableComparison::matches);
            }
            assertThat(run("db", "check", "--database-url", back)).startsWith("Healthy: ");
        }
    }

    /** SIGKILL at any instant: what was committed stays, --resume finishes it, checksums agree. */
    @Test
    void resumesACopyKilledPartWay() throws Exception {
        String sqlite = indexedSampleForum();
        addPosts(sqlite, 20_000);
        try (TestDatabase postgres = TestDatabase.create(DatabaseKind.POSTGRES, false)) {
            String target = postgres.url();
            Process copy = startCopy(sqlite, target);
            awaitPosts(postgres.database(), 1_000, copy);
            copy.destroyForcibly(); // SIGKILL
            assertThat(copy.waitFor(30, TimeUnit.SECONDS)).isTrue();

            CliRun again = CliRun.appview("db", "copy", "--from", sqlite, "--to", target);
            assertThat(again.exitCode()).isEqualTo(2);
            assertThat(again.err()).contains("holds an unfinished copy of SQLITE ").contains("--resume");
            CliRun serve = CliRun.appview("serve", "--port", "0", "--database-url", target);
            assertThat(serve.exitCode()).isEqualTo(1);
            assertThat(serve.err()).contains("holds an unfinished copy").contains("--resume");

            CliRun resumed = CliRun.appview("db", "copy", "--from", sqlite, "--to", target, "--resume");
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("resuming").contains("Copied and verified");
            try (Database original = Databases.create(sqlite)) {
                assertThat(DatabaseComparison.compare(original, postgres.database()))
                        .allSatisfy(t -> assertThat(t.targetChecksum()).as(t.table()).isEqualTo(t.sourceChecksum()));
            }
            assertThat(run("db", "check", "--database-url", target)).startsWith("Healthy: ");

            CliRun twice = CliRun.appview("db", "copy", "--from", sqlite, "--to", target);
            assertThat(twice.exitCode()).isEqualTo(2);
            assertThat(twice.err()).contains("is not empty");
        }
    }

    @Test
    void refusesBadInputWithOneMessageAndWritesNothing() throws Exception {
        String sqlite = indexedSampleForum();
        Path target = dir.resolve("target.db");

        CliRun unknown = CliRun.appview("db", "copy", "--from", "mysql://root:" + PASSWORD + "@db/atbb", "--to", "file:" + target);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--from: Unsupported database URL 'mysql://root:****@db/atbb'")
                .doesNotContain(PASSWORD);

        CliRun missing = CliRun.appview("db", "copy", "--from", "file:" + dir.resolve("none.db"), "--to", "file:" + target);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--from: there is no SQLite database at " + dir.resolve("none.db"));

        CliRun same = CliRun.appview("db", "copy", "--from", sqlite, "--to", sqlite);
        assertThat(same.exitCode()).isEqualTo(2);
        assertThat(same.err()).contains("Source and target are the same database");

        String filled = indexedSampleForum("filled.db");
        CliRun notEmpty = CliRun.appview("db", "copy", "--from", sqlite, "--to", filled);
        assertThat(notEmpty.exitCode()).isEqualTo(2);
        assertThat(notEmpty.err()).contains("is not empty").contains("Name an empty database as --to");

        String older = "file:" + dir.resolve("older.db");
        try (Database db = Databases.create(older)) {
            db.migrate(db.flyway().info().all()[1].getVersion().getVersion());
        }
        CliRun behind = CliRun.appview("db", "copy", "--from", older, "--to", "file:" + target);
        assertThat(behind.exitCode()).isEqualTo(2);
        assertThat(behind.err()).contains("behind this build's").contains("appview migrate");

        assertThat(target).doesNotExist();
        assertThat(CliRun.appview("db", "copy", "--from", sqlite).exitCode()).isEqualTo(2);
    }

    @Test
    void backsUpASqliteFileAndPointsPostgresToPgDump() throws Exception {
        String sqlite = indexedSampleForum();
        Path backup = dir.resolve("backups/forum-backup.db");
        assertThat(run("db", "backup", "--to", backup.toString(), "--database-url", sqlite))
                .contains("integrity_check ok");
        assertThat(run("db", "check", "--database-url", "file:" + backup)).startsWith("Healthy: ");
        CliRun again = CliRun.appview("db", "backup", "--to", backup.toString(), "--database-url", sqlite);
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists");

        CliRun postgres = CliRun.appview("db", "backup", "--to", "atbb.dump", "--database-url",
                "postgres://atbb:" + PASSWORD + "@db.example:5432/atbb");
        assertThat(postgres.exitCode()).isEqualTo(2);
        assertThat(postgres.out()).isEqualTo("PGPASSWORD='****' pg_dump --format=custom --file='atbb.dump'"
                + " --dbname='postgresql://atbb@db.example:5432/atbb'\n");
        assertThat(postgres.err()).contains("pg_dump").doesNotContain(PASSWORD);
    }

    @Test
    void checkListsWhatIsWrongAndExitsOne() throws Exception {
        String sqlite = indexedSampleForum();
        assertThat(run("db", "check", "--database-url", sqlite)).startsWith("Healthy: ");
        try (Database db = Databases.create(sqlite); Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("DROP INDEX posts_board_id_idx");
        }
        CliRun check = CliRun.appview("db", "check", "--database-url", sqlite);
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.out()).contains("1 problem(s):").contains("index posts_board_id_idx (on posts [board_id]) is missing");
    }

    /** Every category, board and topic of the sample, and the caller's admin view, answered alike by both. */
    private void assertSameAnswers(Database original, Database moved, String token) {
        try (RunningAppView a = RunningAppView.start(original, IndexerReplay.SAMPLE_FORUM_DID);
             RunningAppView b = RunningAppView.start(moved, IndexerReplay.SAMPLE_FORUM_DID)) {
            List<String> paths = new ArrayList<>(List.of("/api/forum", "/api/categories"));
            for (JsonNode category : a.get("/api/categories").body()) {
                String boards = "/api/categories/" + category.path("id").asText() + "/boards";
                paths.add(boards);
                for (JsonNode board : a.get(boards).body()) {
                    String topics = "/api/boards/" + board.path("id").asText() + "/topics";
                    paths.add(topics);
                    a.get(topics).body().path("topics").forEach(t -> paths.add("/api/topics/" + t.path("id").asText()));
                }
            }
            assertThat(paths.stream().filter(p -> p.startsWith("/api/topics/"))).hasSizeGreaterThanOrEqualTo(10);
            for (String path : paths) {
                RunningAppView.Response before = a.get(path);
                assertThat(before.status()).as(path).isEqualTo(200);
                assertThat(b.get(path).body()).as(path).isEqualTo(before.body());
            }
            RunningAppView.Response me = a.get("/api/admin/members/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(b.get("/api/admin/members/me", token).body()).isEqualTo(me.body());
        }
    }

    private String indexedSampleForum() {
        return indexedSampleForum("forum.db");
    }

    private String indexedSampleForum(String name) {
        String url = "file:" + dir.resolve(name);
        assertThat(run("index", "--sample", "--database-url", url)).startsWith("Applied ");
        return url;
    }

    /** Topics by a member of the sample forum, enough for a copy to take a few seconds. */
    private static void addPosts(String url, int count) throws SQLException {
        try (Database db = Databases.create(url); Connection c = db.connection()) {
            c.setAutoCommit(false);
            String did;
            try (Statement s = c.createStatement(); ResultSet row = s.executeQuery("SELECT did FROM users LIMIT 1")) {
                row.next();
                did = row.getString(1);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO posts (id, did, rkey, cid, title, text,"
                    + " created_at, indexed_at) VALUES (?, ?, ?, 'bafy', ?, ?, ?, ?)")) {
                for (int i = 0; i < count; i++) {
                    insert.setLong(1, 1_000_000 + i);
                    insert.setString(2, did);
                    insert.setString(3, "bulk" + i);
                    insert.setString(4, "Topic " + i);
                    insert.setString(5, "Text of topic " + i + " with\ta tab and a \\ backslash");
                    db.dialect().bindInstant(insert, 6, Instant.parse("0001-01-01T00:00:00Z").plusSeconds(i));
                    db.dialect().bindInstant(insert, 7, Instant.parse("9999-12-31T23:59:59Z").minusSeconds(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    private Process startCopy(String from, String to) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-cp", classpath, Main.class.getName(),
                "db", "copy", "--from", from, "--to", to, "--batch-rows", "100"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("copy.log").toFile()).start();
    }

    private void awaitPosts(Database target, long atLeast, Process copy) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            assertThat(copy.isAlive()).as(() -> log("copy.log")).isTrue();
            if (postsIn(target) >= atLeast) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the copy committed fewer than " + atLeast + " posts in 120 s:\n" + log("copy.log"));
    }

    private static long postsIn(Database db) {
        try (Connection c = db.connection(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT count(*) FROM posts")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            return 0; // not migrated yet
        }
    }

    private String log(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** {@code pg_dump --schema-only}, as Synapse's port test compares a ported schema with a fresh one. */
    private String schemaDump(String jdbcUrl) throws Exception {
        DatabaseUrl url = DatabaseUrl.parse(jdbcUrl);
        Path out = Files.createTempFile(dir, "schema", ".sql");
        Process dump = new ProcessBuilder("pg_dump", "--schema-only", "--no-owner", "--dbname=postgresql://"
                + url.user().orElse("postgres") + "@" + url.jdbcUrl().substring("jdbc:postgresql://".length()))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(dump.waitFor(60, TimeUnit.SECONDS) && dump.exitValue() == 0).as(() -> log(out.getFileName().toString()))
                .isTrue();
        // The restrict and unrestrict meta-commands carry a random key per dump (a guard of newer pg_dump releases).
        return Files.readString(out).lines().filter(line -> !line.matches("\\\\(un)?restrict .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    /** The test server trusts local connections, password or not: one to see masked. */
    private static String withPassword(String url) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        return "postgresql://" + parsed.user().orElse("postgres") + ":" + PASSWORD + "@"
                + parsed.jdbcUrl().substring("jdbc:postgresql://".length());
    }

    private static String run(String... args) {
        CliRun result = CliRun.appview(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }
}
