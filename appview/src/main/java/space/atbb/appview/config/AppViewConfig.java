package space.atbb.appview.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import space.atbb.db.DatabaseUrl;
import space.atbb.lexicon.Did;

/**
 * The appview's configuration: immutable, validated when built, each message naming the
 * environment variable that is wrong. The command line fills it from flags, else from the
 * variables (see {@code cli.ConfigOptions}); an unset or blank value takes its default.
 *
 * <ul>
 *   <li>{@code DATABASE_URL} / {@code --database-url}: default {@value #DEFAULT_DATABASE_URL}.</li>
 *   <li>{@code PORT} / {@code --port}: HTTP port, default {@value #DEFAULT_PORT}; 0 picks a free one.</li>
 *   <li>{@code FORUM_DID} / {@code --forum-did}: the forum account's DID; none by default
 *       ({@code /api/forum} answers 404 and permission checks deny).</li>
 *   <li>{@code JETSTREAM_URL} / {@code --jetstream-url}: ws:// or wss://; none by default (no live stream).</li>
 *   <li>{@code LOG_LEVEL} / {@code --log-level}: TRACE, DEBUG, INFO, WARN or ERROR; default INFO.</li>
 * </ul>
 *
 * <pre>
 * AppViewConfig config = AppViewConfig.builder().databaseUrl("file:./data/atbb.db").forumDid("did:plc:abc123").build();
 * Databases.create(config.databaseUrl());
 * </pre>
 */
public final class AppViewConfig {
    public static final String DEFAULT_DATABASE_URL = "file:./data/atbb.db";
    public static final int DEFAULT_PORT = 3000;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private final DatabaseUrl databaseUrl;
    private final int port;
    private final String forumDid;
    private final String jetstreamUrl;
    private final String logLevel;

    private AppViewConfig(Builder b) {
        this.databaseUrl = parseDatabaseUrl(b.databaseUrl == null ? DEFAULT_DATABASE_URL : b.databaseUrl);
        this.port = b.port == null ? DEFAULT_PORT : b.port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PORT must be between 0 and 65535, was " + port);
        }
        this.forumDid = b.forumDid;
        if (forumDid != null && !Did.isValid(forumDid)) {
            throw new IllegalArgumentException("FORUM_DID must be a DID such as did:plc:abc123, was '"
                    + forumDid + "'");
        }
        this.jetstreamUrl = b.jetstreamUrl;
        if (jetstreamUrl != null) {
            checkJetstreamUrl(jetstreamUrl);
        }
        this.logLevel = b.logLevel == null ? "INFO" : b.logLevel.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new IllegalArgumentException("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, was '"
                    + b.logLevel + "'");
        }
    }

    public static Builder builder() {
        return new Builder();
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

    /** The parsed database URL, for {@code Databases.create}; its {@code toString()} masks the password. */
    public DatabaseUrl databaseUrl() {
        return databaseUrl;
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

    /** Null or blank values keep the default. */
    public static final class Builder {
        private String databaseUrl;
        private Integer port;
        private String forumDid;
        private String jetstreamUrl;
        private String logLevel;

        private Builder() {
        }

        public Builder databaseUrl(String url) {
            this.databaseUrl = blankToNull(url);
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The port as written in {@code PORT} or {@code --port}. */
        public Builder port(String port) {
            String given = blankToNull(port);
            if (given == null) {
                this.port = null;
                return this;
            }
            try {
                return port(Integer.parseInt(given));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("PORT must be a number between 0 and 65535, was '" + port + "'");
            }
        }

        public Builder forumDid(String did) {
            this.forumDid = blankToNull(did);
            return this;
        }

        public Builder jetstreamUrl(String url) {
            this.jetstreamUrl = blankToNull(url);
            return this;
        }

        public Builder logLevel(String level) {
            this.logLevel = blankToNull(level);
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong */
        public AppViewConfig build() {
            return new AppViewConfig(this);
        }
    }
}
