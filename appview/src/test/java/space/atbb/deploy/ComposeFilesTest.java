package space.atbb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both compose files as Compose itself reads them: {@code docker-compose config} validates a file
 * against the Compose schema and prints it with variables substituted, which needs no Docker engine.
 */
class ComposeFilesTest {

    private static final String POSTGRES_COMPOSE = "docker-compose.yml";
    private static final String SQLITE_COMPOSE = "docker-compose.sqlite.yml";
    private static final String POSTGRES_URL = "postgres://atbb:atbb@postgres:5432/atbb";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path emptyDirectory;

    @Test
    void postgresComposeStartsAppviewAfterAHealthyDatabaseAndACompletedMigration() {
        JsonNode services = config(POSTGRES_COMPOSE, Map.of()).path("services");

        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "migrate", "appview");

        JsonNode postgres = services.path("postgres");
        assertThat(postgres.path("image").asText()).isEqualTo("postgres:17");
        assertThat(postgres.path("healthcheck").path("test").toString()).contains("pg_isready");
        assertThat(postgres.path("volumes").get(0).asText()).startsWith("postgres_data:/var/lib/postgresql/data");
        assertThat(postgres.has("ports")).as("the database is not published outside the compose network").isFalse();

        JsonNode migrate = services.path("migrate");
        assertThat(migrate.path("command").get(0).asText()).isEqualTo("migrate");
        assertThat(migrate.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(migrate.path("environment").path("DATABASE_URL").asText()).isEqualTo(POSTGRES_URL);

        JsonNode appview = services.path("appview");
        assertThat(appview.path("image").asText()).isEqualTo(migrate.path("image").asText());
        assertThat(appview.path("depends_on").path("postgres").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(appview.path("depends_on").path("migrate").path("condition").asText())
                .isEqualTo("service_completed_successfully");
        assertThat(appview.path("environment").path("DATABASE_URL").asText()).isEqualTo(POSTGRES_URL);
        assertThat(appview.path("restart").asText()).isEqualTo("unless-stopped");
        assertPublishesPort(appview, 3000);
    }

    @Test
    void postgresComposeKeepsTheDatabaseInANamedVolume() {
        JsonNode compose = config(POSTGRES_COMPOSE, Map.of());

        assertThat(fieldNames(compose.path("volumes"))).containsExactly("postgres_data");
    }

    @Test
    void sqliteComposeRunsOneAppviewOnAFileInANamedVolume() {
        JsonNode compose = config(SQLITE_COMPOSE, Map.of());
        JsonNode services = compose.path("services");

        assertThat(fieldNames(services)).containsExactly("appview");
        JsonNode appview = services.path("appview");
        assertThat(appview.path("environment").path("DATABASE_URL").asText()).isEqualTo("file:/data/atbb.db");
        assertThat(appview.path("volumes").get(0).asText()).startsWith("atbb_data:/data");
        assertThat(appview.path("restart").asText()).isEqualTo("unless-stopped");
        assertThat(appview.has("depends_on")).isFalse();
        assertPublishesPort(appview, 3000);
        assertThat(fieldNames(compose.path("volumes"))).containsExactly("atbb_data");
    }

    @Test
    void sqliteComposeExplainsUsageAndTheSingleWriterRule() throws IOException {
        String text = Files.readString(RepositoryRoot.file(SQLITE_COMPOSE));

        assertThat(text).startsWith("#");
        assertThat(text).contains("docker compose -f docker-compose.sqlite.yml up");
        assertThat(text).containsIgnoringCase("only one appview may use the file");
        // Operator commands run beside the server, in its container, through its control endpoint.
        assertThat(text).contains("docker compose -f docker-compose.sqlite.yml exec appview")
                .contains("java -jar /app/atbb-appview.jar sessions create");
    }

    @Test
    void aDatabaseUrlFromTheShellDoesNotRedirectTheContainers() {
        Map<String, String> shell = Map.of("DATABASE_URL", "file:./data/atbb.db");

        JsonNode postgresServices = config(POSTGRES_COMPOSE, shell).path("services");
        assertThat(postgresServices.path("appview").path("environment").path("DATABASE_URL").asText())
                .isEqualTo(POSTGRES_URL);
        assertThat(postgresServices.path("migrate").path("environment").path("DATABASE_URL").asText())
                .isEqualTo(POSTGRES_URL);
        assertThat(config(SQLITE_COMPOSE, shell).path("services").path("appview").path("environment")
                        .path("DATABASE_URL").asText())
                .isEqualTo("file:/data/atbb.db");
    }

    @Test
    void forumSettingsAndPortComeFromTheShellOrDotEnv() {
        Map<String, String> shell =
                Map.of("FORUM_DID", "did:plc:forum", "JETSTREAM_URL", "wss://jetstream.test/subscribe", "PORT", "8080");

        for (String file : List.of(POSTGRES_COMPOSE, SQLITE_COMPOSE)) {
            JsonNode appview = config(file, shell).path("services").path("appview");
            assertThat(appview.path("environment").path("FORUM_DID").asText()).as(file).isEqualTo("did:plc:forum");
            assertThat(appview.path("environment").path("JETSTREAM_URL").asText())
                    .as(file)
                    .isEqualTo("wss://jetstream.test/subscribe");
            assertPublishesPort(appview, 8080);
        }
    }

    @Test
    void unsetForumSettingsStayUnsetInTheContainer() {
        for (String file : List.of(POSTGRES_COMPOSE, SQLITE_COMPOSE)) {
            JsonNode environment = config(file, Map.of()).path("services").path("appview").path("environment");
            // Compose prints a variable it passes through but does not have as null, and does not set it.
            assertThat(environment.path("JETSTREAM_URL").isNull()).as(file).isTrue();
            assertThat(environment.path("FORUM_DID").isNull()).as(file).isTrue();
        }
    }

    /** The file as Compose resolves it, with {@code shell} as the only variables it can see. */
    private JsonNode config(String composeFile, Map<String, String> shell) {
        Path compose = ExternalTool.require("docker-compose", "docker-compose");
        Map<String, String> environment = new HashMap<>(shell);
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Path emptyEnvFile = emptyDirectory.resolve("empty.env");
        try {
            Files.writeString(emptyEnvFile, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path root = RepositoryRoot.find();
        String yaml = ExternalTool.output(
                List.of(
                        compose.toString(),
                        "--project-directory", root.toString(),
                        // A developer's .env must not change what the test sees.
                        "--env-file", emptyEnvFile.toString(),
                        "-f", root.resolve(composeFile).toString(),
                        "config"),
                environment,
                emptyDirectory);
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertPublishesPort(JsonNode service, int hostPort) {
        JsonNode port = service.path("ports").get(0);
        assertThat(port.path("published").asInt()).isEqualTo(hostPort);
        assertThat(port.path("target").asInt()).isEqualTo(3000);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
