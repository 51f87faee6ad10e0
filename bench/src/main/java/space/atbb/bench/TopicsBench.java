package space.atbb.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import space.atbb.appview.Main;
import space.atbb.appview.control.ControlFile;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.db.testing.TestPostgres;

/**
 * {@code GET /api/topics/{id}} on a forum of topics of 100 posts (1,000,000 posts by default, 2% of
 * the replies hidden by a moderator), with 64 concurrent clients, against {@code appview serve} in
 * its own JVM with {@code -Xmx256m}; on SQLite and on PostgreSQL. Baseline in the same run, before
 * the server starts: the API's two queries for one page (the visible root post, then the first 25
 * visible replies and one more, which tells the API whether another page follows) in raw JDBC from
 * the same 64 threads, in this JVM, on a pool of its own with the server's settings (one
 * connection on SQLite, ten on PostgreSQL), closed before the server opens the database. Each
 * phase prints p50, p99 and the maximum, measured after a 5 s warm-up.
 *
 * <pre>scripts/bench topics [SECONDS_PER_PHASE (default 20)] [POSTS (default 1000000)]</pre>
 */
public final class TopicsBench {
    private static final int CLIENTS = 64;
    static final int POSTS_PER_TOPIC = 100;
    private static final int REPLIES_PER_PAGE = 25;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int posts = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path dir = Files.createTempDirectory("atbb-bench-");
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s; %,d posts, %d clients, %d s per phase%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), posts, CLIENTS, seconds);
        run("SQLite", "file:" + dir.resolve("bench.db"), dir, seconds, posts);
        run("PostgreSQL", TestPostgres.get().createDatabase(true), dir, seconds, posts);
    }

    private static void run(String name, String url, Path dir, int seconds, int posts) throws Exception {
        int topics = posts / POSTS_PER_TOPIC;
        long[] topicIds = new long[topics];
        Optional<Path> sqliteFile;
        try (Database db = Databases.create(url)) {
            sqliteFile = db.sqliteFile();
            db.migrate();
            long start = System.nanoTime();
            seed(db, topics, topicIds);
            System.out.printf(Locale.ROOT, "%s: seeded %,d posts in %.1f s%n", name, posts, (System.nanoTime() - start) / 1e9);
            print(name + " raw JDBC (baseline)", load(seconds, () -> rawTopic(db, pick(topicIds))));
        }
        Process server = startServer(url, dir, name);
        try {
            int port = awaitPort(url, sqliteFile, dir, name, server);
            HttpClient http = HttpClient.newHttpClient();
            print(name + " GET /api/topics/{id}", load(seconds, () -> {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/topics/" + pick(topicIds))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                }
            }));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Batched JDBC: 1 forum tree, 1,000 users, {@code topics} topics of 1 root + 99 replies. */
    static void seed(Database db, int topics, long[] topicIds) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            Object t0 = timestamp(db.dialect(), T0);
            exec(c, "INSERT INTO categories (id, did, rkey, cid, name, created_at, indexed_at) VALUES (1, 'did:plc:forum', 'c1', 'bafy', 'General', ?, ?)", t0, t0);
            exec(c, "INSERT INTO boards (id, did, rkey, cid, name, category_id, category_uri, created_at, indexed_at) VALUES (1, 'did:plc:forum', 'b1', 'bafy', 'Board', 1, 'at://did:plc:forum/space.atbb.forum.category/c1', ?, ?)", t0, t0);
            try (PreparedStatement users = c.prepareStatement("INSERT INTO users (did, indexed_at) VALUES (?, ?)")) {
                for (int u = 0; u < 1000; u++) {
                    users.setString(1, "did:plc:user" + u);
                    users.setObject(2, t0);
                    users.addBatch();
                }
                users.executeBatch();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO posts (id, did, rkey, cid, title, text,"
                    + " board_id, root_uri, root_post_id, parent_post_id, created_at, indexed_at, banned_by_mod, deleted_by_user)"
                    + " VALUES (?, ?, ?, 'bafy', ?, ?, 1, ?, ?, ?, ?, ?, ?, false)")) {
                long id = 0;
                for (int t = 0; t < topics; t++) {
                    long root = ++id;
                    topicIds[t] = root;
                    for (int p = 0; p < POSTS_PER_TOPIC; p++) {
                        long postId = p == 0 ? root : ++id;
                        Object created = timestamp(db.dialect(), T0.plusSeconds(t * 1000L + p));
                        insert.setLong(1, postId);
                        insert.setString(2, "did:plc:user" + (postId % 1000));
                        insert.setString(3, "rk" + postId);
                        insert.setString(4, p == 0 ? "Topic " + t : null);
                        insert.setString(5, "Post " + postId + " of topic " + t + ": some words to make a realistic row.");
                        insert.setString(6, p == 0 ? null : "at://did:plc:user" + (root % 1000) + "/space.atbb.post/rk" + root);
                        insert.setObject(7, p == 0 ? null : root);
                        insert.setObject(8, p == 0 ? null : root);
                        insert.setObject(9, created);
                        insert.setObject(10, created);
                        insert.setBoolean(11, p % 50 == 49); // 2% of replies hidden by a moderator
                        insert.addBatch();
                    }
                    if (t % 50 == 49) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            exec(c, "ANALYZE"); // fresh statistics, so both planners pick the index
            c.commit();
        }
    }

    /**
     * Bench seeding only: raw JDBC must bind what each dialect stores (the app goes through
     * Hibernate, which maps Instant itself): timestamptz on PostgreSQL (a UTC OffsetDateTime, never
     * a java.sql.Timestamp and its Julian days), epoch milliseconds on SQLite.
     */
    private static Object timestamp(Dialect dialect, Instant t) {
        return dialect == Dialect.POSTGRES ? t.atOffset(ZoneOffset.UTC) : t.toEpochMilli();
    }

    /** The API's two queries for one topic page, in plain SQL. */
    private static void rawTopic(Database db, long topicId) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement root = c.prepareStatement("SELECT * FROM posts WHERE id = ? AND root_uri IS NULL"
                     + " AND banned_by_mod = false AND deleted_by_user = false");
             PreparedStatement replies = c.prepareStatement("SELECT * FROM posts WHERE root_post_id = ?"
                     + " AND banned_by_mod = false AND deleted_by_user = false ORDER BY created_at, id LIMIT ?")) {
            root.setLong(1, topicId);
            drain(root.executeQuery());
            replies.setLong(1, topicId);
            replies.setInt(2, REPLIES_PER_PAGE + 1);
            drain(replies.executeQuery());
        }
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
            }
        }
    }

    interface Request {
        void run() throws Exception;
    }

    /** Latencies (microseconds, sorted) measured after a warm-up, over {@code seconds}. */
    record Result(long[] micros, int seconds) {
    }

    /** {@value #CLIENTS} threads issuing requests back to back: a warm-up, then {@code seconds} measured. */
    private static Result load(int seconds, Request request) throws InterruptedException {
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread thread = new Thread(() -> {
                long[] lat = new long[1 << 14];
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        request.run();
                        if (start >= measureFrom) {
                            lat = n == lat.length ? Arrays.copyOf(lat, n * 2) : lat;
                            lat[n++] = (System.nanoTime() - start) / 1000;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("A request failed", e);
                }
                latencies.add(Arrays.copyOf(lat, n));
            }, "client-" + i);
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return new Result(latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray(), seconds);
    }

    private static void print(String label, Result r) {
        long[] m = r.micros();
        System.out.printf(Locale.ROOT, "%-40s p50 %7.2f ms  p99 %7.2f ms  max %8.2f ms  %,9.0f req/s  (%,d requests)%n",
                label, m[m.length / 2] / 1000.0, m[(int) (m.length * 0.99)] / 1000.0, m[m.length - 1] / 1000.0,
                m.length / (double) r.seconds(), m.length);
    }

    private static long pick(long[] ids) {
        return ids[ThreadLocalRandom.current().nextInt(ids.length)];
    }

    private static void exec(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            s.execute();
        }
    }

    /** {@code appview serve} in its own JVM with a 256 MB heap, on port 0. */
    private static Process startServer(String url, Path dir, String name) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", portFor(url), "--database-url", url, "--log-level", "WARN")
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + "-serve.log").toFile()).start();
    }

    /** SQLite announces its port in the control file; PostgreSQL gets a fixed one. */
    private static String portFor(String url) {
        return url.startsWith("file:") ? "0" : "39517";
    }

    /** @param sqliteFile the file as the server names it, beside which it writes its control file */
    private static int awaitPort(String url, Optional<Path> sqliteFile, Path dir, String name, Process server)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("serve exited: " + Files.readString(dir.resolve(name + "-serve.log")));
            }
            int port = sqliteFile.isPresent()
                    ? ControlFile.read(sqliteFile.get()).map(ControlFile::port).orElse(-1)
                    : Integer.parseInt(portFor(url));
            if (port > 0) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/healthz/ready")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return port;
                } catch (IOException notYet) {
                    // Still starting.
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("serve did not start within 60 s");
    }
}
