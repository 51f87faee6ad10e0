package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.Main;
import space.atbb.appview.backfill.FakeNetwork;
import space.atbb.appview.backfill.TestForum;
import space.atbb.appview.control.ControlFile;
import space.atbb.appview.control.IndexerReplay;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.copy.DatabaseComparison;
import space.atbb.db.copy.TableComparison;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.TestDatabase;

/**
 * {@code serve} in a second JVM (SQLite's lock is per process), the CLI in this one: a session
 * created here goes through the server's control endpoint, and SIGTERM stops the server cleanly.
 * SQLite only: the rule under test, one process per file, exists on SQLite alone.
 */
class ServeProcessTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void cliCommandsGoThroughTheRunningServerAndSigtermStopsItCleanly() throws Exception {
        Path file = dir.resolve("atbb.db");
        String url = "file:" + file;
        Process server = startServe(url);
        try {
            ControlFile control = awaitControlFile(file, server);

            try (FakeNetwork net = FakeNetwork.start()) {
                new TestForum(net).build();
                assertThat(run("backfill", "--forum-did", TestEvents.FORUM, "--plc-url", net.plcUrl().toString(),
                        "--relay-url", net.relayUrl().toString(), "--database-url", url))
                        .startsWith("Backfill 1: " + (TestForum.MEMBERS + 1) + " of " + (TestForum.MEMBERS + 1)
                                + " repositories, " + TestForum.records() + " record(s) indexed.");
            }
            assertThat(log()).contains("Backfill 1 (full) of forum " + TestEvents.FORUM); // it ran in the server
            assertThat(awaitWarm(control.port())).contains(
                    "\"backfill\":{", "\"status\":\"completed\"", "\"repositoriesDone\":" + (TestForum.MEMBERS + 1));

            String token = run("sessions", "create", "--did", "did:plc:alice", "--ttl", "2h", "--database-url", url)
                    .trim();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(get(control.port(), "/api/admin/members/me", token)).contains("\"did\":\"did:plc:alice\"");

            assertThat(run("sessions", "revoke", "--did", "did:plc:alice", "--database-url", url))
                    .contains("Revoked 1 session(s).");
            assertThat(get(control.port(), "/api/admin/members/me", token)).contains("\"status\":401");
            assertThat(runFailing("migrate", "--database-url", url)).contains("nothing to do");

            // The server was started without FORUM_DID: the replay uses the one the operator names.
            assertThat(run("index", "--from", sampleForum().toString(), "--forum-did", IndexerReplay.SAMPLE_FORUM_DID,
                    "--database-url", url)).startsWith("Applied 73 event(s)");
            assertThat(get(control.port(), "/api/categories", token)).contains("\"name\":\"General\"");
        } finally {
            server.destroy(); // SIGTERM
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook ran
        assertThat(Files.readString(dir.resolve("serve.log"))).contains("atBB appview stopped");
        assertThat(ControlFile.pathFor(file)).doesNotExist();
        // The lock is free again, and the file is whole with the revoked session in it.
        try (Database db = Databases.create(url); Connection c = db.connection()) {
            assertThat(single(c, "PRAGMA integrity_check")).isEqualTo("ok");
            assertThat(single(c, "SELECT count(*) FROM sessions WHERE revoked_at IS NOT NULL")).isEqualTo("1");
        }
    }

    /** Backup, check and copy of a file the server holds: taken through the server, which keeps serving. */
    @Test
    void dbCommandsGoThroughTheRunningServer() throws Exception {
        Path file = dir.resolve("atbb.db");
        String url = "file:" + file;
        assertThat(run("index", "--sample", "--database-url", url)).startsWith("Applied 73 event(s)");
        Process server = startServe(url);
        try (TestDatabase postgres = TestDatabase.create(DatabaseKind.POSTGRES, false)) {
            ControlFile control = awaitControlFile(file, server);

            Path backup = dir.resolve("backup.db");
            assertThat(run("db", "backup", "--to", backup.toString(), "--database-url", url))
                    .contains("integrity_check ok");
            assertThat(run("db", "check", "--database-url", url)).startsWith("Healthy: ");
            CliRun copy = CliRun.appview("db", "copy", "--from", url, "--to", postgres.url());
            assertThat(copy.exitCode()).as(copy.err()).isZero();
            assertThat(copy.out()).contains("Copied and verified");
            assertThat(get(control.port(), "/api/categories", "none")).contains("\"name\":\"General\"");

            try (Database copied = Databases.create("file:" + backup)) {
                assertThat(DatabaseComparison.compare(copied, postgres.database())).allMatch(TableComparison::matches);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void saysWhoHoldsTheFileWhenNoServerAnswers() throws Exception {
        Path file = dir.resolve("atbb.db");
        Process holder = startServe("file:" + file);
        try {
            ControlFile control = awaitControlFile(file, holder);
            // A control file whose port answers nothing: as after a server that could not clean up.
            new ControlFile(1, control.secret(), control.pid()).write(file);
            assertThat(runFailing("sessions", "create", "--did", "did:plc:alice", "--database-url", "file:" + file))
                    .contains("is already open in another process")
                    .contains("(pid " + control.pid() + ") does not answer on 127.0.0.1:1")
                    .contains("or point DATABASE_URL at another file");
        } finally {
            holder.destroy();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * The server and the CLI name the file the same way, by its real path: the control file is
     * where the CLI looks, however each of them spells the database.
     */
    @Test
    void cliCommandsReachAServerStartedOnASymlinkedFile() throws Exception {
        Path real = Files.createDirectories(dir.resolve("volume")).resolve("atbb.db").toAbsolutePath();
        try (Database db = Databases.create("file:" + real)) {
            db.migrate(); // the file exists, as on a mounted volume
        }
        Path link = Files.createSymbolicLink(dir.resolve("atbb.db"), real);
        Process server = startServe("file:" + link);
        try {
            ControlFile control = awaitControlFile(real.toRealPath(), server);
            assertThat(ControlFile.pathFor(link)).doesNotExist();

            String token = run("sessions", "create", "--did", "did:plc:alice", "--database-url", "file:" + link).trim();
            assertThat(get(control.port(), "/api/admin/members/me", token)).contains("\"did\":\"did:plc:alice\"");
            assertThat(run("index", "--sample", "--database-url", "file:" + real))
                    .startsWith("Applied 73 event(s) from the sample forum.");
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Path sampleForum() throws URISyntaxException {
        return Path.of(ServeProcessTest.class.getResource("/sample/forum.jsonl").toURI());
    }

    private Process startServe(String url) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-cp", classpath, Main.class.getName(),
                "serve", "--port", "0", "--database-url", url))
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
    }

    private ControlFile awaitControlFile(Path file, Process server) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            Optional<ControlFile> control = ControlFile.read(file);
            if (control.isPresent()) {
                return control.get();
            }
            assertThat(server.isAlive()).as(() -> log()).isTrue();
            Thread.sleep(100);
        }
        throw new AssertionError("serve wrote no control file within 60 s:\n" + log());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("serve.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Readiness once serve's warm-up is done: until then it says "starting". */
    private String awaitWarm(int port) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String ready = get(port, "/api/healthz/ready", "");
        while (ready.contains("\"starting\"") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            ready = get(port, "/api/healthz/ready", "");
        }
        return ready;
    }

    private String get(int port, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs the CLI in this JVM; returns stdout, failing the test on a non-zero exit. */
    private static String run(String... args) {
        CliRun result = CliRun.appview(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out();
    }

    /** Runs the CLI expecting it to fail; returns stderr. */
    private static String runFailing(String... args) {
        CliRun result = CliRun.appview(args);
        assertThat(result.exitCode()).as(result.out()).isEqualTo(1);
        return result.err();
    }

    private static String single(Connection c, String sql) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
