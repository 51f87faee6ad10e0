package space.atbb.appview;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import space.atbb.db.DatabaseUrl;
import space.atbb.lexicon.Did;

/**
 * The appview's configuration: immutable, validated when built. Each setting comes from a flag,
 * else from its environment variable, else from its default.
 *
 * <ul>
 *   <li>{@code DATABASE_URL} / {@code --database-url}: default {@value #DEFAULT_DATABASE_URL}.</li>
 *   <li>{@code PORT} / {@code --port}: HTTP port, default {@value #DEFAULT_PORT}; 0 picks a free one.</li>
 *   <li>{@code FORUM_DID} / {@code --forum-did}: the forum account's DID; none by default
 *       ({@code /api/forum} answers 404 and permission checks deny).</li>
 *   <li>{@code JETSTREAM_URL} / {@code --jetstream-url}: ws:// or wss://; none by default (no live stream).</li>
 *   <li>{@code LOG_LEVEL} / {@code --log-level}: TRACE, DEBUG, INFO, WARN or ERROR; default INFO.</li>
 * </ul>
 */
public final class AppViewConfig {
    public static final String DEFAULT_DATABASE_URL = "file:./data/atbb.db";
    public static final int DEFAULT_PORT = 3000;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private final DatabaseUrl databaseUrl;
    private final String rawDatabaseUrl;
    private final int port;
    private final String forumDid;
    private final String jetstreamUrl;
    private final String logLevel;

    private AppViewConfig(Builder b) {
        this.rawDatabaseUrl = b.databaseUrl == null ? DEFAULT_DATABASE_URL : b.databaseUrl.trim();
        this.databaseUrl = parseDatabaseUrl(rawDatabaseUrl);
        this.port = b.port == null ? DEFAULT_PORT : b.port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, was " + port);
        }
        this.forumDid = blankToNull(b.forumDid);
        if (forumDid != null && !Did.isValid(forumDid)) {
            throw new IllegalArgumentException("FORUM_DID must be a DID such as did:plc:abc123, was '"
                    + forumDid + "'");
        }
        this.jetstreamUrl = blankToNull(b.jetstreamUrl);
        if (jetstreamUrl != null) {
            checkJetstreamUrl(jetstreamUrl);
        }
        this.logLevel = b.logLevel == null || b.logLevel.isBlank() ? "INFO" : b.logLevel.trim().toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, was '"
                    + b.logLevel + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding what the environment sets; flags then override it. */
    public static Builder fromEnvironment(Map<String, String> env) {
        Builder b = new Builder()
                .databaseUrl(env.get("DATABASE_URL"))
                .forumDid(env.get("FORUM_DID"))
                .jetstreamUrl(env.get("JETSTREAM_URL"))
                .logLevel(env.get("LOG_LEVEL"));
        String port = blankToNull(env.get("PORT"));
        if (port != null) {
            try {
                b.port(Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PORT must be a number between 0 and 65535, was '" + port + "'");
            }
        }
        return b;
    }

    private static DatabaseUrl parseDatabaseUrl(String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL: " + e.getMessage(), e);
        }
    }

    private static void checkJetstreamUrl(String url) {
        String scheme;
        try {
            scheme = URI.create(url).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("JETSTREAM_URL must be a ws:// or wss:// URL, was '" + url
                    + "' (e.g. wss://jetstream2.us-east.bsky.network/subscribe); unset it for no live stream");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The database URL with its password masked; {@link #databaseUrlForConnecting()} has it. */
    public DatabaseUrl databaseUrl() {
        return databaseUrl;
    }

    /** The URL as given, password included: for {@code Databases.create} only, never for logs. */
    public String databaseUrlForConnecting() {
        return rawDatabaseUrl;
    }

    public int port() {
        return port;
    }

    public Optional<String> forumDid() {
        return Optional.ofNullable(forumDid);
    }

    public Optional<String> jetstreamUrl() {
        return Optional.ofNullable(jetstreamUrl);
    }

    public String logLevel() {
        return logLevel;
    }

    @Override
    public String toString() {
        return "AppViewConfig{databaseUrl=" + databaseUrl + ", port=" + port + ", forumDid=" + forumDid
                + ", jetstreamUrl=" + jetstreamUrl + ", logLevel=" + logLevel + "}";
    }

    /** Unset values (null) keep the environment's value or the default. */
    public static final class Builder {
        private String databaseUrl;
        private Integer port;
        private String forumDid;
        private String jetstreamUrl;
        private String logLevel;

        private Builder() {
        }

        public Builder databaseUrl(String url) {
            if (url != null && !url.isBlank()) {
                this.databaseUrl = url;
            }
            return this;
        }

        public Builder port(Integer port) {
            if (port != null) {
                this.port = port;
            }
            return this;
        }

        public Builder forumDid(String did) {
            if (did != null) {
                this.forumDid = did;
            }
            return this;
        }

        public Builder jetstreamUrl(String url) {
            if (url != null) {
                this.jetstreamUrl = url;
            }
            return this;
        }

        public Builder logLevel(String level) {
            if (level != null) {
                this.logLevel = level;
            }
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong */
        public AppViewConfig build() {
            return new AppViewConfig(this);
        }
    }
}
