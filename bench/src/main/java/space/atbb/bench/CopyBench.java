package space.atbb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import space.atbb.db.Database;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.copy.CopyReport;
import space.atbb.db.copy.DatabaseCopy;
import space.atbb.db.testing.TestPostgres;

/**
 * Moves a forum of 1,000,000 posts (10,000 topics of 100 posts, 1,000 members) from a SQLite file
 * to PostgreSQL with {@link DatabaseCopy}, beside two baselines on the same file in the same run:
 * pgloader (with {@code CAST type timestamp to bigint}, without which it loads no post of this
 * schema) and {@code psql \copy} of the same rows from CSV (the floor: no reading, converting or
 * checking, the CSV exported beforehand and not timed). Then back from PostgreSQL to SQLite.
 * Run it with {@code BENCH_JAVA_OPTS=-Xmx256m}; it needs {@code sqlite3}, {@code psql} and
 * {@code pgloader} on the PATH.
 *
 * <pre>BENCH_JAVA_OPTS=-Xmx256m scripts/bench copy [POSTS (default 1000000)]</pre>
 */
public final class CopyBench {
    private static final int POSTS_PER_TOPIC = 100;
    private static final int MEMBERS = 1_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** The tables the forum fills, parents first: the order \copy needs. */
    private static final List<String> TABLES = List.of("forums", "categories", "boards", "users", "posts");
    /** pgloader (Debian's 3.6) at times stalls for good part-way, all its COPY streams idle. */
    private static final int PGLOADER_LIMIT_SECONDS = 300;

    public static void main(String[] args) throws Exception {
        int posts = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("atbb-bench-copy-");
        Path file = dir.resolve("forum.db");
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MiB; %,d posts%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, posts);
        try (Database sqlite = Databases.create("file:" + file)) {
            sqlite.migrate();
            long start = System.nanoTime();
            seed(sqlite, posts);
            System.out.printf(Locale.ROOT, "seeded in %.1f s%n", seconds(start));
        }
        long rows = posts + MEMBERS + 12;
        double megabytes = Files.size(file) / 1e6;
        System.out.printf(Locale.ROOT, "SQLite file: %.1f MB, %,d rows%n", megabytes, rows);

        String copyTarget = TestPostgres.get().createDatabase(false);
        try (Database from = Databases.create("file:" + file); Database to = Databases.create(copyTarget)) {
            AtomicLong copied = new AtomicLong();
            long start = System.nanoTime();
            CopyReport report = DatabaseCopy.from(from).to(to).onProgress(p -> {
                if (p.finished()) {
                    copied.set(System.nanoTime()); // at the last table's end: copying is over
                }
            }).run();
            require(report.complete(), "the copy did not verify: " + report.differences());
            print("atBB db copy SQLite -> PostgreSQL (copy, then verify)", rows, megabytes, seconds(start));
            System.out.printf(Locale.ROOT, "    of which copying %.1f s, verifying %.1f s%n",
                    (copied.get() - start) / 1e9, (System.nanoTime() - copied.get()) / 1e9);
        }

        // pgloader at times stalls for good part-way (all its COPY streams idle): such a try is killed,
        // said so, and retried on a fresh database, up to three tries.
        for (int attempt = 1; attempt <= 3; attempt++) {
            String pgloaderTarget = TestPostgres.get().createDatabase(false);
            Path load = Files.writeString(dir.resolve("load.cmd"), "LOAD DATABASE\n  FROM sqlite://" + file
                    + "\n  INTO " + psqlUrl(pgloaderTarget) + "\n  WITH include drop, create tables, create indexes,"
                    + " reset sequences\n  CAST type timestamp to bigint\n;\n");
            long start = System.nanoTime();
            boolean finished = run(dir, PGLOADER_LIMIT_SECONDS, "pgloader", "--quiet", load.toString());
            TestPostgres.get().dropDatabase(pgloaderTarget);
            if (finished) {
                print("pgloader (CAST type timestamp to bigint; no verification)", rows, megabytes, seconds(start));
                break;
            }
            System.out.printf(Locale.ROOT, "pgloader try %d did not finish within %d s (stalled, killed)%n", attempt,
                    PGLOADER_LIMIT_SECONDS);
        }

        String copyFloor = TestPostgres.get().createDatabase(true);
        List<String> copyCommands = exportCsv(file, dir);
        long start = System.nanoTime();
        for (String command : copyCommands) {
            require(run(dir, 600, "psql", "-q", "-v", "ON_ERROR_STOP=1", psqlUrl(copyFloor), "-c", command),
                    "psql \\copy did not finish within 600 s");
        }
        print("psql \\copy from CSV (floor; CSV exported beforehand)", rows, megabytes, seconds(start));
        TestPostgres.get().dropDatabase(copyFloor);

        Path back = dir.resolve("back.db");
        try (Database from = Databases.create(copyTarget); Database to = Databases.create("file:" + back)) {
            start = System.nanoTime();
            CopyReport report = DatabaseCopy.from(from).to(to).run();
            require(report.complete(), "the copy back did not verify: " + report.differences());
            print("atBB db copy PostgreSQL -> SQLite (copy, then verify)", rows, megabytes, seconds(start));
        }
        TestPostgres.get().dropDatabase(copyTarget);
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static void seed(Database db, int posts) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                long t = T0.toEpochMilli();
                s.execute("INSERT INTO forums (id, did, rkey, cid, name, indexed_at) VALUES (1, 'did:plc:forum', 'self', 'c', 'Bench', " + t + ")");
                s.execute("INSERT INTO categories (id, did, rkey, cid, name, forum_id, created_at, indexed_at) VALUES (1, 'did:plc:forum', 'cat', 'c', 'General', 1, " + t + ", " + t + ")");
                for (int b = 1; b <= 10; b++) {
                    s.execute("INSERT INTO boards (id, did, rkey, cid, name, category_id, category_uri, created_at, indexed_at) VALUES ("
                            + b + ", 'did:plc:forum', 'board" + b + "', 'c', 'Board " + b + "', 1, 'at://did:plc:forum/space.atbb.forum.category/cat', " + t + ", " + t + ")");
                }
            }
            try (PreparedStatement user = c.prepareStatement("INSERT INTO users (did, handle, indexed_at) VALUES (?, ?, ?)")) {
                for (int u = 0; u < MEMBERS; u++) {
                    user.setString(1, "did:plc:member" + u);
                    user.setString(2, "member" + u + ".bsky.social");
                    user.setLong(3, T0.toEpochMilli());
                    user.addBatch();
                }
                user.executeBatch();
            }
            try (PreparedStatement post = c.prepareStatement("INSERT INTO posts (id, did, rkey, cid, title, text, board_uri, "
                    + "board_id, root_post_id, parent_post_id, root_uri, parent_uri, created_at, indexed_at, last_activity_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (long id = 1; id <= posts; id++) {
                    long root = id - (id - 1) % POSTS_PER_TOPIC;
                    boolean topic = root == id;
                    String did = "did:plc:member" + (id % MEMBERS);
                    long created = T0.toEpochMilli() + id * 1_000;
                    post.setLong(1, id);
                    post.setString(2, did);
                    post.setString(3, "3l" + Long.toString(id, 36));
                    post.setString(4, "bafyreib" + Long.toString(id * 7919, 36));
                    post.setString(5, topic ? "Topic " + id : null);
                    post.setString(6, "Post " + id + ": a reply of a couple of sentences, as forum posts go, with a"
                            + " little more text so that the row is about the size of a real one.");
                    post.setString(7, "at://did:plc:forum/space.atbb.forum.board/board" + (root % 10 + 1));
                    post.setLong(8, root % 10 + 1);
                    String rootUri = "at://did:plc:member" + (root % MEMBERS) + "/space.atbb.post/3l" + Long.toString(root, 36);
                    if (topic) {
                        post.setNull(9, java.sql.Types.BIGINT);
                        post.setNull(10, java.sql.Types.BIGINT);
                        post.setNull(11, java.sql.Types.VARCHAR);
                        post.setNull(12, java.sql.Types.VARCHAR);
                        post.setLong(15, created + (POSTS_PER_TOPIC - 1) * 1_000L);
                    } else {
                        post.setLong(9, root);
                        post.setLong(10, root);
                        post.setString(11, rootUri);
                        post.setString(12, rootUri);
                        post.setNull(15, java.sql.Types.BIGINT);
                    }
                    post.setLong(13, created);
                    post.setLong(14, created + 500);
                    post.addBatch();
                    if (id % 10_000 == 0) {
                        post.executeBatch();
                    }
                }
                post.executeBatch();
            }
            c.commit();
        }
    }

    /** One CSV per table with sqlite3, timestamps as ISO 8601 text; returns the \copy commands. */
    private static List<String> exportCsv(Path file, Path dir) throws Exception {
        List<String> commands = new ArrayList<>();
        try (Database db = Databases.create("file:" + file); Connection c = db.connection()) {
            for (String table : TABLES) {
                List<String> columns = new ArrayList<>();
                List<String> select = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet info = s.executeQuery("PRAGMA table_info(" + table + ")")) {
                    while (info.next()) {
                        String name = info.getString("name");
                        columns.add(name);
                        select.add(info.getString("type").equals("TIMESTAMP")
                                ? "strftime('%Y-%m-%dT%H:%M:%fZ', " + name + " / 1000.0, 'unixepoch')" : name);
                    }
                }
                Path csv = dir.resolve(table + ".csv");
                commands.add("\\copy " + table + " (" + String.join(", ", columns) + ") FROM '" + csv + "' WITH (FORMAT csv)");
                exportWith(dir, file, "SELECT " + String.join(", ", select) + " FROM " + table + " ORDER BY 1", csv);
            }
        }
        return commands;
    }

    private static void exportWith(Path dir, Path file, String sql, Path csv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sqlite3", "-csv", "-readonly", file.toString(), sql)
                .directory(dir.toFile()).redirectOutput(csv.toFile()).redirectErrorStream(false).start();
        require(p.waitFor() == 0, "sqlite3 export failed: " + new String(p.getErrorStream().readAllBytes()));
    }

    /** Runs a tool; false when it had not finished after {@code limitSeconds} (it is then killed). */
    private static boolean run(Path dir, int limitSeconds, String... command) throws IOException, InterruptedException {
        Path log = dir.resolve(command[0] + ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            return false;
        }
        require(p.exitValue() == 0, command[0] + " failed: " + Files.readString(log));
        return true;
    }

    /** postgresql://USER@HOST:PORT/DATABASE for psql and pgloader, from the fixture's JDBC URL. */
    private static String psqlUrl(String jdbcUrl) {
        DatabaseUrl url = DatabaseUrl.parse(jdbcUrl);
        return "postgresql://" + url.user().map(u -> u + "@").orElse("")
                + url.jdbcUrl().substring("jdbc:postgresql://".length());
    }

    private static void print(String what, long rows, double megabytes, double seconds) {
        System.out.printf(Locale.ROOT, "%-58s %7.1f s %,10.0f rows/s %6.1f MB/s%n", what, seconds, rows / seconds,
                megabytes / seconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
