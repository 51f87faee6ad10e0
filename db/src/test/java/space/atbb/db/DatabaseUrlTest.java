package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {
    @Test
    void translatesPostgresUriToJdbcKeepingCredentialsAndParameters() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://atbb:s%40cret@db.example:6543/forum?sslmode=require&connectTimeout=5");

        assertThat(url.dialect()).isEqualTo(Dialect.POSTGRES);
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/forum?sslmode=require&connectTimeout=5");
        assertThat(url.user()).contains("atbb");
        assertThat(url.password()).contains("s@cret");
    }

    @Test
    void acceptsPostgresqlSchemeAndDefaultsHostAndPort() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://atbb@localhost/atbb");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/atbb");
        assertThat(url.user()).contains("atbb");
        assertThat(url.password()).isEmpty();

        assertThat(DatabaseUrl.parse("postgres:///atbb").jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/atbb");
    }

    @Test
    void takesUserAndPasswordOutOfJdbcQuery() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=pw&sslmode=disable");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable");
        assertThat(url.user()).contains("postgres");
        assertThat(url.password()).contains("pw");
    }

    @Test
    void parsesSqliteFilesAndMemory() {
        assertThat(DatabaseUrl.parse("file:./data/atbb.db").sqliteFile()).contains(Path.of("./data/atbb.db"));
        assertThat(DatabaseUrl.parse("file:/var/lib/atbb/atbb.db").sqliteFile()).contains(Path.of("/var/lib/atbb/atbb.db"));
        assertThat(DatabaseUrl.parse("file:///var/lib/atbb/atbb.db").sqliteFile()).contains(Path.of("/var/lib/atbb/atbb.db"));
        assertThat(DatabaseUrl.parse("jdbc:sqlite:relative.db").sqliteFile()).contains(Path.of("relative.db"));
        for (String memory : new String[] {"file::memory:", "jdbc:sqlite::memory:"}) {
            DatabaseUrl url = DatabaseUrl.parse(memory);
            assertThat(url.dialect()).isEqualTo(Dialect.SQLITE);
            assertThat(url.isInMemory()).isTrue();
            assertThat(url.sqliteFile()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysql://root@localhost/atbb", "atbb.db", "http://example.com", "jdbc:h2:mem:x", "   "})
    void rejectsOtherFormsListingTheAcceptedOnes(String bad) {
        assertThatThrownBy(() -> DatabaseUrl.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported database URL")
                .hasMessageContaining("postgres://USER:PASSWORD@HOST:PORT/DATABASE")
                .hasMessageContaining("file:PATH")
                .hasMessageContaining("file::memory:");
    }

    /** Only an explicit :memory: is a throw-away database; a forgotten path must not be one. */
    @ParameterizedTest
    @ValueSource(strings = {"file:", "file://", "jdbc:sqlite:", " file: "})
    void rejectsASqliteUrlWithoutAPath(String bad) {
        assertThatThrownBy(() -> DatabaseUrl.parse(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a SQLite URL needs a path, or :memory: for a throw-away database")
                .hasMessageContaining("file:PATH");
    }

    @Test
    void rejectsAPostgresUrlWithoutADatabase() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://atbb:hunter2@db:5432"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void neverShowsThePassword() {
        String[] urls = {
            "postgres://atbb:hunter2@db:5432/atbb",
            "jdbc:postgresql://db/atbb?user=atbb&password=hunter2",
            "mysql://root:hunter2@db/atbb",
            "postgres://atbb:hunter2@db:5432/atbb?PASSWORD=hunter2",
        };
        for (String raw : urls) {
            assertThat(DatabaseUrl.mask(raw)).doesNotContain("hunter2").contains("****");
        }
        assertThat(DatabaseUrl.parse(urls[0]).toString()).isEqualTo("postgres://atbb:****@db:5432/atbb");
        assertThat(DatabaseUrl.parse(urls[1]).toString()).doesNotContain("hunter2");
        assertThat(DatabaseConfig.builder(urls[0]).build().toString()).doesNotContain("hunter2");
        assertThatThrownBy(() -> DatabaseUrl.parse(urls[2])).hasMessageNotContaining("hunter2");
    }

    /** An unencoded '/', '@', '?' or '#' in the password: Java's URI then reads no host, or the wrong one. */
    @ParameterizedTest
    @ValueSource(strings = {"hun/ter2", "hun@ter2", "hu:n/t@er2", "hun?ter2", "hun#ter2", "h@un/t@er2", "1/hunter2", "/hunter2"})
    void refusesAnUnencodedPasswordRatherThanGuessTheHost(String password) {
        String raw = "postgres://atbb:" + password + "@db.example:5432/atbb";

        assertThat(DatabaseUrl.mask(raw)).isEqualTo("postgres://atbb:****@db.example:5432/atbb");
        assertThatThrownBy(() -> DatabaseUrl.parse(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unsupported database URL 'postgres://atbb:****@db.example:5432/atbb'")
                .hasMessageContaining("percent-encode special characters in the user and password")
                .hasMessageNotContaining("hun")
                .hasMessageNotContaining("ter2");
    }

    @Test
    void masksToTheLastAtSignOfEachUrlInALine() {
        assertThat(DatabaseUrl.mask("Cannot connect to postgres://atbb:p@ss/w0rd@db/atbb: refused, see ops@example.org"))
                .isEqualTo("Cannot connect to postgres://atbb:****@db/atbb: refused, see ops@example.org");
        assertThat(DatabaseUrl.mask("postgres://db:5432/atbb")).isEqualTo("postgres://db:5432/atbb");
        assertThat(DatabaseUrl.mask("postgres://atbb@db:5432/atbb")).isEqualTo("postgres://atbb@db:5432/atbb");
        assertThat(DatabaseUrl.parse("postgres://atbb:p%2Fss%40w@db/atbb").password()).contains("p/ss@w");
    }

    @Test
    void validatesConfigurationWithMessagesThatNameTheProperty() {
        assertThatThrownBy(() -> DatabaseConfig.builder("file:x.db").poolSize(4))
                .hasMessageContaining("poolSize must be 1 for SQLite");
        assertThatThrownBy(() -> DatabaseConfig.builder("postgres://db/atbb").poolSize(0))
                .hasMessageContaining("poolSize must be at least 1");
        assertThatThrownBy(() -> DatabaseConfig.builder("postgres://db/atbb").connectionTimeout(java.time.Duration.ofMillis(10)))
                .hasMessageContaining("connectionTimeout must be at least 250 ms");
        assertThat(DatabaseConfig.builder("postgres://db/atbb").build().poolSize()).isEqualTo(10);
        assertThat(DatabaseConfig.builder("file::memory:").build().poolSize()).isEqualTo(1);
    }
}
