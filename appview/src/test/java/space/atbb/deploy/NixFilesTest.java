package space.atbb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Nix package and NixOS module, checked by Nix itself without nixpkgs: the module is evaluated
 * against the stand-in lib in {@code nix/eval-module.nix}, which resolves mkIf/mkMerge as NixOS would.
 */
class NixFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FAKE_PACKAGE = "/nix/store/00000000000000000000000000000000-atbb";

    @ParameterizedTest
    @ValueSource(strings = {"nix/package.nix", "nix/module.nix"})
    void parses(String file) {
        Path nixInstantiate = nixInstantiate();

        ExternalTool.output(
                List.of(nixInstantiate.toString(), "--parse", RepositoryRoot.file(file).toString()),
                null,
                RepositoryRoot.find());
    }

    @Test
    void packageBuildsWithMavenAndInstallsTheAtbbLauncher() {
        JsonNode build = evaluate("nix/eval-package.nix", "packagePath", RepositoryRoot.file("nix/package.nix").toString());

        assertThat(build.path("pname").asText()).isEqualTo("atbb");
        assertThat(build.path("mvnHashIsPlaceholder").asBoolean())
                .as("mvnHash stays lib.fakeHash until a build on Nix reports the real one")
                .isTrue();
        assertThat(build.path("mvnJdk").asText()).contains("openjdk-17");
        assertThat(build.path("meta").path("mainProgram").asText()).isEqualTo("atbb");
        assertThat(build.path("installPhase").asText())
                .contains("appview/target/atbb-appview.jar")
                .contains("makeWrapper /nix/store/00000000000000000000000000000000-openjdk-17-headless/bin/java $out/bin/atbb")
                .contains("-jar $out/share/atbb/atbb-appview.jar");
    }

    @Test
    void postgresqlIsTheDefaultAndRunsALocalServerReachedOverTcp() {
        JsonNode config = evaluateModule("{\"enable\": true, \"forumDid\": \"did:plc:forum\"}").path("config");

        JsonNode appview = config.path("systemd").path("services").path("atbb-appview");
        assertThat(appview.path("environment").path("DATABASE_URL").asText())
                .isEqualTo("postgresql://atbb@127.0.0.1:5432/atbb");
        assertThat(appview.path("environment").path("FORUM_DID").asText()).isEqualTo("did:plc:forum");
        assertThat(appview.path("environment").path("PORT").asText()).isEqualTo("3000");
        assertThat(appview.path("environment").has("JETSTREAM_URL")).isFalse();
        assertThat(appview.path("serviceConfig").path("ExecStart").asText()).isEqualTo(FAKE_PACKAGE + "/bin/atbb serve");
        assertThat(appview.path("serviceConfig").path("SuccessExitStatus").asInt())
                .as("serve exits 143 after a clean stop on SIGTERM")
                .isEqualTo(143);
        assertThat(appview.path("serviceConfig").has("StateDirectory")).isFalse();
        assertThat(texts(appview.path("after"))).contains("postgresql.service");
        assertThat(texts(appview.path("requires"))).contains("postgresql.service");

        JsonNode migrate = config.path("systemd").path("services").path("atbb-migrate");
        assertThat(migrate.path("serviceConfig").path("Type").asText()).isEqualTo("oneshot");
        assertThat(texts(migrate.path("before"))).contains("atbb-appview.service");
        assertThat(texts(migrate.path("requiredBy"))).contains("atbb-appview.service");
        assertThat(texts(migrate.path("after"))).contains("postgresql.service");
        assertThat(migrate.path("environment")).isEqualTo(appview.path("environment"));
        assertThat(migrate.path("script").asText())
                .isEqualTo(FAKE_PACKAGE + "/bin/atbb migrate-permissions\n" + FAKE_PACKAGE + "/bin/atbb migrate\n");

        JsonNode postgresql = config.path("services").path("postgresql");
        assertThat(postgresql.path("enable").asBoolean()).isTrue();
        assertThat(texts(postgresql.path("ensureDatabases"))).containsExactly("atbb");
        assertThat(postgresql.path("ensureUsers").get(0).path("name").asText()).isEqualTo("atbb");
        assertThat(postgresql.path("authentication").asText()).contains("host atbb atbb 127.0.0.1/32 trust");
        assertThat(config.path("assertions").get(0).path("assertion").asBoolean()).isTrue();
    }

    @Test
    void sqliteUsesAFileInTheStateDirectoryAndNoPostgresql() {
        JsonNode evaluated = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum", "jetstreamUrl": "wss://jetstream.test/subscribe",
                 "port": 8080, "database": {"type": "sqlite"}}""");
        JsonNode config = evaluated.path("config");

        assertThat(evaluated.path("cfg").path("database").path("enable").asBoolean())
                .as("database.enable defaults to false for SQLite")
                .isFalse();
        assertThat(config.path("services").has("postgresql")).isFalse();

        JsonNode appview = config.path("systemd").path("services").path("atbb-appview");
        assertThat(appview.path("environment").path("DATABASE_URL").asText()).isEqualTo("file:/var/lib/atbb/atbb.db");
        assertThat(appview.path("environment").path("JETSTREAM_URL").asText()).isEqualTo("wss://jetstream.test/subscribe");
        assertThat(appview.path("environment").path("PORT").asText()).isEqualTo("8080");
        assertThat(appview.path("serviceConfig").path("StateDirectory").asText()).isEqualTo("atbb");
        assertThat(texts(appview.path("after"))).doesNotContain("postgresql.service");
        assertThat(texts(appview.path("requires"))).isEmpty();

        JsonNode migrate = config.path("systemd").path("services").path("atbb-migrate");
        assertThat(migrate.path("serviceConfig").path("StateDirectory").asText()).isEqualTo("atbb");
        assertThat(texts(migrate.path("before"))).contains("atbb-appview.service");
        assertThat(texts(migrate.path("after"))).doesNotContain("postgresql.service");
        assertThat(migrate.path("script").asText()).isEqualTo(FAKE_PACKAGE + "/bin/atbb migrate\n");
    }

    @Test
    void sqlitePathIsConfigurable() {
        JsonNode config = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum",
                 "database": {"type": "sqlite", "path": "/srv/forum/atbb.db"}}""").path("config");

        assertThat(config.path("systemd").path("services").path("atbb-appview").path("environment")
                        .path("DATABASE_URL").asText())
                .isEqualTo("file:/srv/forum/atbb.db");
    }

    @Test
    void postgresqlWithoutTheLocalServerStillOrdersAfterItButDoesNotRequireIt() {
        JsonNode config = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum", "database": {"enable": false, "name": "forum"}}""")
                .path("config");

        assertThat(config.path("services").has("postgresql")).isFalse();
        assertThat(config.has("assertions")).isFalse();
        JsonNode appview = config.path("systemd").path("services").path("atbb-appview");
        assertThat(appview.path("environment").path("DATABASE_URL").asText())
                .isEqualTo("postgresql://atbb@127.0.0.1:5432/forum");
        assertThat(texts(appview.path("after"))).contains("postgresql.service");
        assertThat(texts(appview.path("requires"))).isEmpty();
        assertThat(config.path("systemd").path("services").path("atbb-migrate").path("script").asText())
                .startsWith(FAKE_PACKAGE + "/bin/atbb migrate-permissions\n");
    }

    @Test
    void aLocalServerNeedsTheDatabaseNamedLikeItsOwner() {
        JsonNode config = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum", "database": {"name": "forum"}}""").path("config");

        assertThat(config.path("assertions").get(0).path("assertion").asBoolean()).isFalse();
    }

    @Test
    void aReadReplicaAndMetricsOffReachTheEnvironment() {
        JsonNode config = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum", "metrics": false,
                 "database": {"readUrl": "postgresql://atbb@replica:5432/atbb"}}""").path("config");

        JsonNode environment = config.path("systemd").path("services").path("atbb-appview").path("environment");
        assertThat(environment.path("DATABASE_READ_URL").asText()).isEqualTo("postgresql://atbb@replica:5432/atbb");
        assertThat(environment.path("METRICS").asText()).isEqualTo("off");
        JsonNode defaults = evaluateModule("{\"enable\": true, \"forumDid\": \"did:plc:forum\"}").path("config")
                .path("systemd").path("services").path("atbb-appview").path("environment");
        assertThat(defaults.has("DATABASE_READ_URL")).isFalse();
        assertThat(defaults.has("METRICS")).as("metrics are on by default").isFalse();
    }

    @Test
    void aReadReplicaNeedsPostgresql() {
        JsonNode config = evaluateModule("""
                {"enable": true, "forumDid": "did:plc:forum",
                 "database": {"type": "sqlite", "readUrl": "postgresql://atbb@replica:5432/atbb"}}""").path("config");

        assertThat(config.path("assertions").get(0).path("assertion").asBoolean()).isFalse();
        assertThat(config.path("assertions").get(0).path("message").asText()).contains("readUrl");
    }

    @Test
    void disabledModuleConfiguresNothing() {
        JsonNode config = evaluateModule("{\"forumDid\": \"did:plc:forum\"}").path("config");

        assertThat(config.isObject()).isTrue();
        assertThat(config.isEmpty()).isTrue();
    }

    @Test
    void unknownDatabaseTypeIsRejected() {
        ExternalTool.Result result = runEvaluation(
                "nix/eval-module.nix",
                List.of("--argstr", "modulePath", RepositoryRoot.file("nix/module.nix").toString(),
                        "--argstr", "settings", "{\"enable\": true, \"forumDid\": \"x\", \"database\": {\"type\": \"mysql\"}}"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("services.atbb.database.type is not of type one of postgresql, sqlite");
    }

    private static JsonNode evaluateModule(String settingsJson) {
        return evaluate("nix/eval-module.nix", List.of(
                "--argstr", "modulePath", RepositoryRoot.file("nix/module.nix").toString(),
                "--argstr", "settings", settingsJson));
    }

    private static JsonNode evaluate(String fixture, String argument, String value) {
        return evaluate(fixture, List.of("--argstr", argument, value));
    }

    private static JsonNode evaluate(String fixture, List<String> arguments) {
        ExternalTool.Result result = runEvaluation(fixture, arguments);
        assertThat(result.exitCode()).as("nix-instantiate failed:\n%s", result.stderr()).isZero();
        try {
            return JSON.readTree(result.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ExternalTool.Result runEvaluation(String fixture, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(
                nixInstantiate().toString(), "--eval", "--strict", "--json", testResource(fixture).toString()));
        command.addAll(arguments);
        return ExternalTool.run(command, null, RepositoryRoot.find());
    }

    private static Path nixInstantiate() {
        return ExternalTool.require("nix-instantiate", "nix-bin");
    }

    private static Path testResource(String name) {
        URL url = NixFilesTest.class.getResource("/" + name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asText()));
        return values;
    }
}
