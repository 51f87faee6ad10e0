package space.atbb.appview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AppViewConfigTest {

    @Test
    void defaultsToSqliteOnPort3000WithNothingSet() {
        AppViewConfig config = AppViewConfig.fromEnvironment(Map.of()).build();
        assertThat(config.databaseUrl().toString()).isEqualTo("file:./data/atbb.db");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.forumDid()).isEmpty();
        assertThat(config.jetstreamUrl()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("INFO");
    }

    @Test
    void flagsOverrideTheEnvironmentAndThePasswordNeverShows() {
        AppViewConfig config = AppViewConfig.fromEnvironment(Map.of(
                        "DATABASE_URL", "postgres://atbb:hunter2@db:5432/atbb", "PORT", "8080", "LOG_LEVEL", "debug"))
                .port(9090).forumDid("did:plc:forum").build();
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.toString()).contains("postgres://atbb:****@db:5432/atbb").doesNotContain("hunter2");
        assertThat(config.databaseUrlForConnecting()).contains("hunter2");
    }

    @Test
    void namesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> AppViewConfig.fromEnvironment(Map.of("PORT", "http")).build())
                .hasMessageContaining("PORT must be a number");
        assertThatThrownBy(() -> AppViewConfig.builder().port(70000).build()).hasMessageContaining("PORT must be between");
        assertThatThrownBy(() -> AppViewConfig.builder().forumDid("forum").build()).hasMessageContaining("FORUM_DID");
        assertThatThrownBy(() -> AppViewConfig.builder().jetstreamUrl("https://x").build())
                .hasMessageContaining("JETSTREAM_URL must be a ws:// or wss://");
        assertThatThrownBy(() -> AppViewConfig.builder().logLevel("LOUD").build()).hasMessageContaining("LOG_LEVEL");
        assertThatThrownBy(() -> AppViewConfig.builder().databaseUrl("mysql://x:secret@h/db").build())
                .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("secret");
    }
}
