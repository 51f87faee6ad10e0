package space.atbb.appview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
        assertThat(config.plcUrl()).hasToString("https://plc.directory");
        assertThat(config.relayUrl()).hasToString("https://relay1.us-east.bsky.network");
        assertThat(config.jetstreamReplayWindow()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void readsBackfillUrlsWithoutTheirTrailingSlashAndReplayWindowsInShortOrIsoForm() {
        AppViewConfig config = AppViewConfig.builder().plcUrl("http://127.0.0.1:2582/").relayUrl("https://relay.test")
                .jetstreamReplayWindow("90m").build();
        assertThat(config.plcUrl()).hasToString("http://127.0.0.1:2582");
        assertThat(config.relayUrl()).hasToString("https://relay.test");
        assertThat(config.jetstreamReplayWindow()).isEqualTo(Duration.ofMinutes(90));
        assertThat(AppViewConfig.builder().jetstreamReplayWindow("PT36H").build().jetstreamReplayWindow())
                .isEqualTo(Duration.ofHours(36));
        assertThat(AppViewConfig.builder().jetstreamReplayWindow("48h").build().jetstreamReplayWindow())
                .isEqualTo(Duration.ofHours(48));
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
        assertThatThrownBy(() -> AppViewConfig.builder().plcUrl("plc.directory").build())
                .hasMessageContaining("PLC_URL must be an http:// or https:// URL");
        assertThatThrownBy(() -> AppViewConfig.builder().relayUrl("ws://relay").build())
                .hasMessageContaining("RELAY_URL must be an http:// or https:// URL");
        assertThatThrownBy(() -> AppViewConfig.builder().jetstreamReplayWindow("a day").build())
                .hasMessageContaining("JETSTREAM_REPLAY_WINDOW must be a positive duration");
        assertThatThrownBy(() -> AppViewConfig.builder().jetstreamReplayWindow("0h").build())
                .hasMessageContaining("JETSTREAM_REPLAY_WINDOW must be a positive duration");
        assertThatThrownBy(() -> AppViewConfig.builder().databaseUrl("mysql://x:secret@h/db").build())
                .hasMessageContaining("DATABASE_URL").hasMessageNotContaining("secret");
    }

    @Test
    void takesAPostgresReadReplicaOnlyBesideAPostgresPrimary() {
        AppViewConfig config = AppViewConfig.builder().databaseUrl("postgres://atbb:hunter2@db:5432/atbb")
                .databaseReadUrl("postgres://atbb:hunter2@replica:5432/atbb").build();
        assertThat(config.databaseReadUrl()).hasValueSatisfying(url -> assertThat(url.toString())
                .contains("replica").doesNotContain("hunter2"));
        assertThat(AppViewConfig.builder().build().databaseReadUrl()).isEmpty();
        assertThatThrownBy(() -> AppViewConfig.builder().databaseUrl("file:./data/atbb.db")
                .databaseReadUrl("postgres://atbb:hunter2@replica:5432/atbb").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DATABASE_READ_URL is for a PostgreSQL streaming replica")
                .hasMessageContaining("unset DATABASE_READ_URL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> AppViewConfig.builder().databaseUrl("postgres://atbb@db:5432/atbb")
                .databaseReadUrl("nonsense").build())
                .hasMessageStartingWith("DATABASE_READ_URL: ");
    }

    @Test
    void servesMetricsUnlessTurnedOff() {
        assertThat(AppViewConfig.builder().build().metrics()).isTrue();
        assertThat(AppViewConfig.builder().metrics("off").build().metrics()).isFalse();
        assertThat(AppViewConfig.builder().metrics("ON").build().metrics()).isTrue();
        assertThatThrownBy(() -> AppViewConfig.builder().metrics("maybe").build())
                .hasMessage("METRICS must be on or off, was 'maybe'");
    }
}
