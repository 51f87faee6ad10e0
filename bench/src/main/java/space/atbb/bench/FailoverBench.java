package space.atbb.bench;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import space.atbb.appview.Main;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.testing.TestPostgres;

/**
 * Failover of the live indexer between {@code serve} processes on one PostgreSQL database: the
 * leader is SIGKILLed, and the time until a standby holds the leader lock in a new term (and so
 * indexes from the committed cursor) is measured; then a new standby replaces the killed one, and
 * the next kill comes once it listens. The stream is an idle WebSocket: the figure is the takeover,
 * not the catching up.
 *
 * <pre>scripts/bench failover [KILLS (default 10)] [SERVERS (default 3)] [LEADER_TAKEOVER (default 10s)]</pre>
 */
public final class FailoverBench {
    private static final String FORUM = "did:plc:bench-forum";

    private final String url;
    private final Path dir;
    private final String jetstream;
    private final String takeover;
    /** The running servers and their logs. */
    private final Map<Process, Path> servers = new LinkedHashMap<>();
    private int started;

    private FailoverBench(String url, Path dir, String jetstream, String takeover) {
        this.url = url;
        this.dir = dir;
        this.jetstream = jetstream;
        this.takeover = takeover;
    }

    public static void main(String[] args) throws Exception {
        int kills = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String takeover = args.length > 2 ? args[2] : "10s";
        String url = TestPostgres.get().createDatabase(true);
        try (Database db = Databases.create(url); Connection c = db.connection(); Statement s = c.createStatement()) {
            // A completed backfill: a new leader follows the stream at once instead of backfilling first.
            s.execute("INSERT INTO backfill_progress (status, backfill_type, started_at, completed_at)"
                    + " VALUES ('completed', 'full', now(), now())");
        }
        Javalin idleStream = Javalin.create(cfg -> {
            cfg.jetty.port = 0;
            cfg.routes.ws("/subscribe", ws -> ws.onConnect(ctx -> { }));
        }).start();
        FailoverBench bench = new FailoverBench(url, Files.createTempDirectory("atbb-bench-failover-"),
                "ws://127.0.0.1:" + idleStream.port() + "/subscribe", takeover);
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, load average %s; %d serve processes,"
                        + " LEADER_TAKEOVER %s, %d kills%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage(), count, takeover, kills);
        try (Database db = Databases.create(url)) {
            for (int i = 0; i < count; i++) {
                bench.start();
            }
            List<Long> millis = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                bench.awaitAllListening();
                long term = bench.awaitTerm(db, 0);
                Process leader = bench.holder(db);
                long killed = System.nanoTime();
                leader.destroyForcibly();
                bench.awaitTerm(db, term);
                long took = (System.nanoTime() - killed) / 1_000_000;
                millis.add(took);
                System.out.printf(Locale.ROOT, "kill %2d: pid %d, a standby leads (term %d) after %d ms%n", kill,
                        leader.pid(), term + 1, took);
                leader.waitFor(10, TimeUnit.SECONDS);
                bench.servers.remove(leader);
                bench.start();
            }
            List<Long> sorted = millis.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
            System.out.printf(Locale.ROOT, "Failover over %d kills: median %.0f ms, max %d ms (load average after: %s)%n",
                    kills, median, sorted.get(sorted.size() - 1), loadAverage());
        } finally {
            for (Process server : bench.servers.keySet()) {
                server.destroy();
                server.waitFor(30, TimeUnit.SECONDS);
            }
            idleStream.stop();
            TestPostgres.get().dropDatabase(url);
        }
    }

    private void start() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("serve-" + started++ + ".log");
        servers.put(new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "serve", "--port", "0", "--database-url", url, "--forum-did", FORUM,
                "--jetstream-url", jetstream, "--leader-takeover", takeover)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    /** Each server listens: a standby ready to take over, not one still starting. */
    private void awaitAllListening() throws Exception {
        for (Map.Entry<Process, Path> server : servers.entrySet()) {
            while (!Files.readString(server.getValue()).contains("listening on port")) {
                if (!server.getKey().isAlive()) {
                    throw new IllegalStateException("A serve process exited: " + Files.readString(server.getValue()));
                }
                Thread.sleep(50);
            }
        }
    }

    /** Waits for a term after {@code after}; returns it. */
    private long awaitTerm(Database db, long after) throws Exception {
        while (true) {
            String term = single(db, "SELECT max(term) FROM indexer_leader");
            if (term != null && Long.parseLong(term) > after) {
                return Long.parseLong(term);
            }
            Thread.sleep(5);
        }
    }

    private Process holder(Database db) throws SQLException {
        String holder = single(db, "SELECT holder FROM indexer_leader WHERE name = 'indexer'");
        return servers.keySet().stream().filter(p -> holder.startsWith(p.pid() + "@")).findFirst()
                .orElseThrow(() -> new IllegalStateException("No serve process of this bench holds the lock: " + holder));
    }

    private static String single(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet row = s.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
    }
}
