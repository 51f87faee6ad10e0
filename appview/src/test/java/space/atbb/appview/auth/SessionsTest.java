package space.atbb.appview.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import space.atbb.appview.auth.Sessions.IssuedToken;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;

class SessionsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @DatabaseTest
    void storesOnlyTheHashOfATokenWithItsExpiry(Database db) throws SQLException {
        IssuedToken issued = new Sessions(db, Clock.fixed(NOW, ZoneOffset.UTC)).create("did:plc:alice", Duration.ofDays(30));

        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        try (Connection c = db.connection();
             ResultSet rs = c.createStatement().executeQuery("SELECT token_hash, did, expires_at FROM sessions")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("token_hash")).isEqualTo(Sessions.hash(issued.token())).hasSize(64)
                    .doesNotContain(issued.token());
            assertThat(rs.getString("did")).isEqualTo("did:plc:alice");
            assertThat(rs.next()).isFalse();
        }
    }

    @DatabaseTest
    void verifiesUntilExpiryOrRevocation(Database db) {
        Sessions before = new Sessions(db, Clock.fixed(NOW, ZoneOffset.UTC));
        Sessions after = new Sessions(db, Clock.fixed(NOW.plus(Duration.ofHours(2)), ZoneOffset.UTC));
        IssuedToken shortLived = before.create("did:plc:alice", Duration.ofHours(1));
        IssuedToken a = before.create("did:plc:bob", Duration.ofDays(1));
        IssuedToken b = before.create("did:plc:bob", Duration.ofDays(1));
        IssuedToken c = before.create("did:plc:carol", Duration.ofDays(1));

        assertThat(before.verify(shortLived.token())).contains("did:plc:alice");
        assertThat(after.verify(shortLived.token())).isEmpty();
        assertThat(after.revokeDid("did:plc:bob")).isEqualTo(2);
        assertThat(after.verify(a.token())).isEmpty();
        assertThat(after.verify(b.token())).isEmpty();
        assertThat(after.revokeToken(c.token())).isTrue();
        assertThat(after.revokeToken(c.token())).isFalse();
        assertThat(after.verify(c.token())).isEmpty();
        assertThat(after.verify("")).isEmpty();
    }

    @DatabaseTest
    void refusesBadDidsAndTtls(Database db) {
        Sessions sessions = new Sessions(db, Clock.systemUTC());
        assertThatThrownBy(() -> sessions.create("alice", Duration.ofDays(1))).hasMessageContaining("Not a DID");
        assertThatThrownBy(() -> sessions.create("did:plc:alice", Duration.ZERO)).hasMessageContaining("TTL");
        assertThatThrownBy(() -> sessions.create("did:plc:alice", Duration.ofDays(366))).hasMessageContaining("365 days");
    }
}
