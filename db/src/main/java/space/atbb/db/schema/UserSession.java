package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A bearer-token session of the HTTP API, keyed by the SHA-256 (hex) of its token: the token
 * itself is shown once to whoever created the session and never stored.
 */
@Entity
@Table(name = "sessions")
public class UserSession {
    @Id
    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "did", nullable = false)
    private String did;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected UserSession() {
    }

    public UserSession(String tokenHash, String did, Instant createdAt, Instant expiresAt) {
        this.tokenHash = tokenHash;
        this.did = did;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getDid() {
        return did;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }
}
