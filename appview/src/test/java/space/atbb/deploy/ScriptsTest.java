package space.atbb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The operator scripts in {@code scripts/}, run by bash with a PATH of our choosing: only the
 * tools they need, and stand-ins for java and mvn that report how they were called.
 */
class ScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {"appview", "migrate", "migrate-permissions"})
    void runJavaWhereTheOperatorStands(String script, @TempDir Path dir) throws IOException {
        Path bin = toolsWithout(dir);
        standIn(bin, "java", "pwd; echo \"$@\"");
        standIn(bin, "mvn", "exit 0"); // a missing jar is then not built: java is called all the same
        Path operator = Files.createDirectories(dir.resolve("operator"));

        ExternalTool.Result result = run(script, bin, operator, "--database-url", "file:./atbb.db");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        List<String> lines = result.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo(operator.toRealPath().toString());
        assertThat(lines.get(1)).startsWith("-jar " + RepositoryRoot.file("appview/target/atbb-appview.jar"))
                .endsWith("--database-url file:./atbb.db");
    }

    @ParameterizedTest
    @ValueSource(strings = {"appview", "migrate", "migrate-permissions"})
    void sayWhenJavaIsMissing(String script, @TempDir Path dir) throws IOException {
        ExternalTool.Result result = run(script, toolsWithout(dir), dir, "--help");

        assertThat(result.exitCode()).isEqualTo(127);
        String reporter = script.equals("migrate") ? "appview" : script; // migrate runs scripts/appview
        assertThat(result.stderr())
                .contains("scripts/" + reporter + ": 'java' is not on PATH. Install a Java 17 or newer runtime");
    }

    /** A directory for PATH with the tools the scripts use besides java and mvn. */
    private static Path toolsWithout(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Map<String, String> packages = Map.of("bash", "bash", "dirname", "coreutils", "basename", "coreutils");
        for (Map.Entry<String, String> tool : packages.entrySet()) {
            Files.createSymbolicLink(bin.resolve(tool.getKey()),
                    ExternalTool.require(tool.getKey(), tool.getValue()).toRealPath());
        }
        return bin;
    }

    private static void standIn(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static ExternalTool.Result run(String script, Path bin, Path workingDirectory, String... arguments) {
        List<String> command = new ArrayList<>(List.of(bin.resolve("bash").toString(),
                RepositoryRoot.file("scripts/" + script).toString()));
        command.addAll(List.of(arguments));
        return ExternalTool.run(command, Map.of("PATH", bin.toString()), workingDirectory);
    }
}
