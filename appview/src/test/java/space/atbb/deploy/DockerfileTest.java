package space.atbb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile's instructions. No Docker engine runs where the tests do, so the file is read as
 * a list of instructions (continuation lines joined, comments dropped) rather than built.
 */
class DockerfileTest {

    record Instruction(String keyword, String arguments) {}

    private static List<Instruction> instructions;

    @BeforeAll
    static void readDockerfile() throws IOException {
        instructions = parse(Files.readAllLines(RepositoryRoot.file("Dockerfile")));
    }

    @Test
    void buildsTheJarWithMavenOnJava17() {
        assertThat(instructions.get(0)).isEqualTo(new Instruction("FROM", "maven:3-eclipse-temurin-17 AS build"));
        assertThat(argumentsOf("RUN")).contains("mvn -B -DskipTests package");
    }

    @Test
    void runsTheServerFromAJreImageAsANonRootUser() {
        List<String> stages = argumentsOf("FROM");
        assertThat(stages).hasSize(2);
        assertThat(stages.get(1)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(argumentsOf("COPY"))
                .contains("--from=build /src/appview/target/atbb-appview.jar /app/atbb-appview.jar");
        assertThat(argumentsOf("ENTRYPOINT")).containsExactly("[\"java\", \"-jar\", \"/app/atbb-appview.jar\"]");
        assertThat(argumentsOf("CMD")).containsExactly("[\"serve\"]");
        assertThat(argumentsOf("USER")).containsExactly("atbb");
        assertThat(argumentsOf("EXPOSE")).containsExactly("3000");
    }

    @Test
    void givesTheRuntimeUserAWritableDataDirectory() {
        String runtimeSetup = String.join("\n", argumentsOf("RUN"));
        assertThat(runtimeSetup).contains("useradd --system").contains("mkdir /data").contains("chown atbb:atbb /data");
        assertThat(argumentsOf("ENV")).anySatisfy(env -> assertThat(env).contains("DATABASE_URL=file:/data/atbb.db"));
        // The user is switched to after it is created and /data is handed over.
        int userSwitch = indexOf("USER");
        int dataSetup = instructions.indexOf(instructions.stream()
                .filter(instruction -> instruction.arguments().contains("chown atbb:atbb /data"))
                .findFirst()
                .orElseThrow());
        assertThat(userSwitch).isGreaterThan(dataSetup);
    }

    private static List<String> argumentsOf(String keyword) {
        return instructions.stream()
                .filter(instruction -> instruction.keyword().equals(keyword))
                .map(Instruction::arguments)
                .toList();
    }

    private static int indexOf(String keyword) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals(keyword)) {
                return i;
            }
        }
        throw new AssertionError("no " + keyword + " instruction");
    }

    private static List<Instruction> parse(List<String> lines) {
        List<Instruction> parsed = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().replaceAll("\\s+", " ");
            int space = instruction.indexOf(' ');
            parsed.add(new Instruction(instruction.substring(0, space).toUpperCase(), instruction.substring(space + 1)));
            current.setLength(0);
        }
        return parsed;
    }
}
