package space.atbb.appview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AppViewConfigTest {

    @Test
    void defaultsToSqliteOnPort3000WithNothingSet() {
        AppViewConfig config = AppViewConfig.builder().databaseUrl(null).port((String) null).forumDid(" ").build();
        assertThat(config.databaseUrl().toString()).isEqualTo("file:./data/atbb.db");
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.forumDid()).isEmpty();
        assertThat(config.jetstreamUrl()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("INFO");
    }

    @Test
    void keepsTheParsedUrlAndThePasswordNeverShows() {
        AppViewConfig config = AppViewConfig.builder().databaseUrl(" postgres://atbb:hunter2@db:5432/atbb ")
                .port("9090").logLevel("debug").forumDid("did:plc:forum").build();
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(config.toString()).contains("postgres://atbb:****@db:5432/atbb").doesNotContain("hunter2");
        assertThat(config.databaseUrl().password()).contains("hunter2");
        assertThat(config.databaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/atbb");
    }

    @Test
    void namesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> AppViewConfig.builder().port("http").build())
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
