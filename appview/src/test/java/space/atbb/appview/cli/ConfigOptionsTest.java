package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.Main;

/**
 * Flags over environment variables over defaults, in a second JVM: the variables are read by
 * picocli from the process environment, which this JVM cannot set for itself.
 */
class ConfigOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aFlagOverridesItsVariableAndAVariableOverridesTheDefault() throws Exception {
        Path fromEnv = dir.resolve("from-env.db");
        Path fromFlag = dir.resolve("from-flag.db");
        Map<String, String> env = Map.of("DATABASE_URL", "file:" + fromEnv, "PORT", "http");

        Exit flags = appview(env, "migrate", "--database-url", "file:" + fromFlag, "--port", "0");
        assertThat(flags.code()).as(flags.output()).isZero();
        assertThat(fromFlag).exists();
        assertThat(fromEnv).doesNotExist();

        Exit variables = appview(Map.of("DATABASE_URL", "file:" + fromEnv), "migrate");
        assertThat(variables.code()).as(variables.output()).isZero();
        assertThat(fromEnv).exists();
    }

    @Test
    void aBadVariableIsNamedInTheError() throws Exception {
        Exit run = appview(Map.of("DATABASE_URL", "file:" + dir.resolve("atbb.db"), "PORT", "http"), "migrate");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.output()).contains("appview migrate: PORT must be a number between 0 and 65535, was 'http'");
    }

    private record Exit(int code, String output) {
    }

    private Exit appview(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile());
        builder.environment().keySet().removeAll(List.of("DATABASE_URL", "PORT", "FORUM_DID", "JETSTREAM_URL", "LOG_LEVEL"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exit(process.exitValue(), output);
    }
}
