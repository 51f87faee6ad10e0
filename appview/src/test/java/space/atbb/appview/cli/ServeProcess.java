package space.atbb.appview.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.atbb.appview.Main;

/** One {@code serve} in a JVM of its own, its output in {@code <dir>/<name>.log}. */
final class ServeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("atBB appview listening on port (\\d+)");
    private static final Pattern ROLE = Pattern.compile("\"role\":\"(\\w+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final String name;
    private final Process process;
    private final Path log;
    private int port;

    private ServeProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code serve --port 0 --database-url URL ARGS...}. */
    static ServeProcess start(Path dir, String name, String databaseUrl, String... args) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, Main.class.getName(), "serve", "--port", "0", "--database-url", databaseUrl));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServeProcess(name, process, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until it listens; fails with its log if it exits or takes longer than {@code limit}. */
    ServeProcess awaitListening(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (port() > 0) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not listen within " + limit + ":\n" + log());
    }

    /** Waits until its ready route answers 200 (after the warm-up); returns that body, or fails with its log. */
    String awaitReady(Duration limit) throws InterruptedException {
        awaitListening(limit);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> body = ready().filter(b -> b.contains("\"status\":\"ok\""));
            if (body.isPresent()) {
                return body.get();
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " was not ready within " + limit + ":\n" + log());
    }

    /** Its HTTP port once it listens, else 0. */
    private int port() {
        if (port == 0) {
            Matcher listening = LISTENING.matcher(log());
            if (listening.find()) {
                port = Integer.parseInt(listening.group(1));
            }
        }
        return port;
    }

    /** The body of {@code /api/healthz/ready}, or empty when it does not answer (or listens not yet). */
    Optional<String> ready() {
        if (port() == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/healthz/ready")).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The indexer role its ready route reports ("leader", "standby", "off"), or empty when it does not answer. */
    Optional<String> role() {
        return ready().map(ROLE::matcher).filter(Matcher::find).map(m -> m.group(1));
    }

    /** SIGKILL: no shutdown hook, no goodbye to the database. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGTERM, and waits for the shutdown hook. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
