package space.atbb.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import space.atbb.appview.Main;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.testing.TestPostgres;

/**
 * The first requests a freshly started {@code appview serve} answers, against the hundredth: the
 * board page, a topic page and {@code GET /api/topics/{id}}, each timed once right after the server
 * reports ready, then the board page 100 times more. A forum of 10,000 posts (100 topics of 100), on
 * SQLite and on PostgreSQL; the server in its own JVM with {@code -Xmx256m}, started
 * {@code STARTS} times per build. {@code CLASSPATH} names the builds to compare (the shaded jar
 * of an earlier version, say); by default this build. Timing starts once readiness answers 200:
 * after the warm-up where there is one, as soon as the server listens where there is none.
 *
 * <pre>scripts/bench firstRequest [STARTS (default 2)] [CLASSPATH...]</pre>
 */
public final class FirstRequestBench {
    private static final int POSTS = 10_000;
    private static final int PORT = 39518;
    private static final List<String> FIRST = List.of("/boards/1", "/topics/1", "/api/topics/1");

    public static void main(String[] args) throws Exception {
        int starts = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        List<String> builds = args.length > 1 ? Arrays.asList(args).subList(1, args.length)
                : List.of(System.getProperty("java.class.path"));
        Path dir = Files.createTempDirectory("atbb-bench-");
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s; %,d posts; load average at start %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), POSTS, loadAverage());
        List<String> urls = List.of("file:" + dir.resolve("bench.db"), TestPostgres.get().createDatabase(true));
        for (String url : urls) {
            try (Database db = Databases.create(url)) {
                db.migrate();
                TopicsBench.seed(db, POSTS / TopicsBench.POSTS_PER_TOPIC, new long[POSTS / TopicsBench.POSTS_PER_TOPIC]);
            }
        }
        for (String build : builds) {
            for (String url : urls) {
                for (int i = 0; i < starts; i++) {
                    measure(build, url, dir);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average at end %s%n", loadAverage());
    }

    private static void measure(String classpath, String url, Path dir) throws Exception {
        Path log = dir.resolve("serve.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        long start = System.nanoTime();
        Process server = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classpath, Main.class.getName(),
                "serve", "--port", String.valueOf(PORT), "--database-url", url, "--log-level", "WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            awaitReady(http, server, log);
            double ready = millisSince(start);
            List<String> first = new ArrayList<>();
            for (String path : FIRST) {
                first.add(String.format(Locale.ROOT, "%s %.1f ms", path, time(http, path)));
            }
            double[] later = new double[100];
            for (int i = 0; i < later.length; i++) {
                later[i] = time(http, FIRST.get(0));
            }
            Arrays.sort(later);
            System.out.printf(Locale.ROOT, "%s on %s: ready after %.0f ms; first %s; %s p50 of the next 100 %.1f ms%n",
                    classpath.endsWith(".jar") ? classpath : "this build",
                    url.startsWith("file:") ? "SQLite" : "PostgreSQL", ready, String.join(", ", first), FIRST.get(0),
                    later[later.length / 2]);
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(HttpClient http, Process server, Path log) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (!server.isAlive()) {
                throw new IllegalStateException("serve exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> ready = http.send(request("/api/healthz/ready"), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("serve was not ready within 60 s: " + Files.readString(log));
    }

    private static double time(HttpClient http, String path) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        double millis = millisSince(start);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
        }
        return millis;
    }

    private static HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path)).build();
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }

    private static String loadAverage() throws Exception {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }
}
