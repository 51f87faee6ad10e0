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

        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "migrate", "appview", "proxy");

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
        assertPublishesPort(services.path("proxy"), 3000);
    }

    @Test
    void postgresComposeScalesTheAppviewBehindTheProxyAlone() throws IOException {
        JsonNode services = config(POSTGRES_COMPOSE, Map.of()).path("services");

        // Only the proxy publishes a port, and no name is fixed: --scale appview=3 starts three without a clash.
        for (String name : fieldNames(services)) {
            assertThat(services.path(name).has("ports")).as(name).isEqualTo(name.equals("proxy"));
            assertThat(services.path(name).has("container_name")).as(name).isFalse();
        }
        JsonNode proxy = services.path("proxy");
        assertThat(proxy.path("image").asText()).startsWith("caddy:");
        String[] mount = proxy.path("volumes").get(0).asText().split(":");
        assertThat(mount[1]).isEqualTo("/etc/caddy/Caddyfile");
        String caddyfile = Files.readString(Path.of(mount[0]));
        assertThat(caddyfile).contains("dynamic a appview 3000").contains("respond /metrics 404");
        JsonNode environment = services.path("appview").path("environment");
        assertThat(environment.path("DATABASE_READ_URL").isNull()).as("passed through when set").isTrue();
        assertThat(environment.path("METRICS").isNull()).isTrue();
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
            JsonNode services = config(file, shell).path("services");
            JsonNode appview = services.path("appview");
            assertThat(appview.path("environment").path("FORUM_DID").asText()).as(file).isEqualTo("did:plc:forum");
            assertThat(appview.path("environment").path("JETSTREAM_URL").asText())
                    .as(file)
                    .isEqualTo("wss://jetstream.test/subscribe");
            assertPublishesPort(services.has("proxy") ? services.path("proxy") : appview, 8080);
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
