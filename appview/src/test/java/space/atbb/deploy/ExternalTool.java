package space.atbb.deploy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the command-line tools that check the deployment files (nix-instantiate, docker-compose). */
final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    record Result(int exitCode, String stdout, String stderr) {}

    private ExternalTool() {}

    /**
     * Finds {@code command} on the PATH. A missing tool must never let a test pass: under CI it
     * fails, elsewhere the test is skipped with the package to install.
     */
    static Path require(String command, String aptPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = command + " is not on the PATH: install it with `apt-get install -y " + aptPackage + "`";
        if ("true".equals(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * Runs a command to completion. {@code environment} replaces the inherited one when not null,
     * so variables set for the test run cannot change what the tool sees.
     */
    static Result run(List<String> command, Map<String, String> environment, Path workingDirectory) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        if (environment != null) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), stdout.join(), stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #run} but fails the test, showing the tool's error output, on a non-zero exit. */
    static String output(List<String> command, Map<String, String> environment, Path workingDirectory) {
        Result result = run(command, environment, workingDirectory);
        if (result.exitCode() != 0) {
            fail(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.stderr());
        }
        return result.stdout();
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
