package space.atbb.appview.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import space.atbb.deploy.RepositoryRoot;

/**
 * The PostgreSQL streaming replica of the tests' server that {@code scripts/test-replica} makes
 * (a second cluster on port 5433 of this machine, streaming from 127.0.0.1:5432). Tests that need
 * it never skip: without {@code ATBB_TEST_REPLICA_URL} they run the script themselves, and fail
 * with its message when it cannot make one.
 */
public final class TestReplica {
    private static final long SCRIPT_TIMEOUT_MINUTES = 10;

    private TestReplica() {
    }

    /** The replica's admin URL: {@code ATBB_TEST_REPLICA_URL}, or what the script prints once it streams. */
    public static String adminUrl() {
        String given = System.getenv("ATBB_TEST_REPLICA_URL");
        return given != null && !given.isBlank() ? given.trim() : script().trim();
    }

    /** Stops the replica's server (fast shutdown); {@link #start()} brings it back. */
    public static void stop() {
        script("stop");
    }

    /** Starts the replica again, or makes it anew, and waits until it streams. */
    public static void start() {
        script();
    }

    private static String script(String... arguments) {
        Path script = RepositoryRoot.file("scripts/test-replica");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            var stderr = process.getErrorStream();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(SCRIPT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(script + " did not finish within " + SCRIPT_TIMEOUT_MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("The replica tests need a PostgreSQL streaming replica of the tests' server,"
                        + " and " + script + " " + String.join(" ", arguments) + " could not provide one (exit "
                        + process.exitValue() + "): " + err.strip() + "\nMake one with scripts/test-replica (as root,"
                        + " with PostgreSQL on 127.0.0.1:5432) and export ATBB_TEST_REPLICA_URL=<the URL it prints>.");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + script, e);
        }
    }
}
