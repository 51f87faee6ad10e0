package space.atbb.appview.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import space.atbb.db.Database;
import space.atbb.db.schema.UserSession;
import space.atbb.lexicon.Did;

/**
 * Bearer-token sessions: a token is 32 random bytes, base64url; the table keeps only its SHA-256
 * (hex), so a leaked database holds no usable token. Looking a session up by that hash needs no
 * constant-time comparison.
 *
 * <pre>
 * IssuedToken t = sessions.create("did:plc:alice", Duration.ofDays(30)); // show t.token() once
 * sessions.verify(t.token());  // Optional[did:plc:alice] until it expires or is revoked
 * </pre>
 */
public final class Sessions {
    /** The longest a session may last. */
    public static final Duration MAX_TTL = Duration.ofDays(365);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final Clock clock;

    public Sessions(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A new session's token, shown to its creator once. */
    public record IssuedToken(String token, String did, Instant expiresAt) {
    }

    /** @throws IllegalArgumentException for a malformed DID or a TTL outside (0, 365 days] */
    public IssuedToken create(String did, Duration ttl) {
        checkDid(did);
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("The session TTL must be more than 0 and at most 365 days, was " + ttl);
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        db.useTransaction(s -> s.persist(new UserSession(hash(token), did, now, expiresAt)));
        return new IssuedToken(token, did, expiresAt);
    }

    /** The DID of a live session with this token: not expired, not revoked. */
    public Optional<String> verify(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return db.inTransaction(s -> Optional.ofNullable(s.find(UserSession.class, hash(token)))
                .filter(session -> session.getRevokedAt() == null && session.getExpiresAt().isAfter(now))
                .map(UserSession::getDid));
    }

    /** Revokes one session; false when the token names none that is still unrevoked. */
    public boolean revokeToken(String token) {
        Instant now = clock.instant();
        return db.inTransaction(s -> s.createMutationQuery(
                        "update UserSession set revokedAt = :now where tokenHash = :hash and revokedAt is null")
                .setParameter("now", now).setParameter("hash", hash(token)).executeUpdate()) > 0;
    }

    /** Revokes every unrevoked session of a DID; returns how many. */
    public int revokeDid(String did) {
        checkDid(did);
        Instant now = clock.instant();
        return db.inTransaction(s -> s.createMutationQuery(
                        "update UserSession set revokedAt = :now where did = :did and revokedAt is null")
                .setParameter("now", now).setParameter("did", did).executeUpdate());
    }

    static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static void checkDid(String did) {
        Did.of(did);
    }
}
