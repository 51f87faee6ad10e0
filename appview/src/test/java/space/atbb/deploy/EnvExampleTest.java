package space.atbb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** .env.example is where an operator learns the configuration: every variable and URL form is in it. */
class EnvExampleTest {

    private static String envExample;

    @BeforeAll
    static void readEnvExample() throws IOException {
        envExample = Files.readString(RepositoryRoot.file(".env.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DATABASE_URL=", "PORT=3000", "FORUM_DID=", "JETSTREAM_URL=", "LOG_LEVEL=INFO"})
    void documentsVariable(String assignment) {
        assertThat(envExample).contains(assignment);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DATABASE_URL=postgres://",
        "DATABASE_URL=postgresql://",
        "sslmode=",
        "DATABASE_URL=jdbc:postgresql://",
        "DATABASE_URL=file:./data/atbb.db",
        "DATABASE_URL=file:/",
        "DATABASE_URL=jdbc:sqlite:/",
        "DATABASE_URL=file::memory:",
        "DATABASE_URL=jdbc:sqlite::memory:"
    })
    void documentsDatabaseUrlForm(String form) {
        assertThat(envExample).contains(form);
    }
}
