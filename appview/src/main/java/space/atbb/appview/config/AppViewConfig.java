package space.atbb.appview.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Dialect;
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
 *   <li>{@code PLC_URL} / {@code --plc-url}: the did:plc directory backfill resolves DIDs with;
 *       default {@value #DEFAULT_PLC_URL}.</li>
 *   <li>{@code RELAY_URL} / {@code --relay-url}: the relay backfill lists the forum's members from;
 *       default {@value #DEFAULT_RELAY_URL}.</li>
 *   <li>{@code JETSTREAM_REPLAY_WINDOW} / {@code --jetstream-replay-window}: how far back Jetstream
 *       replays; a stored cursor older than this makes {@code serve} backfill first. An ISO-8601
 *       duration ({@code PT24H}) or a number of hours, minutes or seconds ({@code 24h}, {@code 90m});
 *       default 24h.</li>
 *   <li>{@code DATABASE_READ_URL} / {@code --database-read-url}: a PostgreSQL streaming replica of
 *       {@code DATABASE_URL}, which the public read API and the web pages read from (falling back to
 *       the primary while it is unreachable); PostgreSQL only. None by default.</li>
 *   <li>{@code METRICS} / {@code --metrics}: {@code on} or {@code off}, whether {@code /metrics}
 *       serves Prometheus metrics; default on.</li>
 *   <li>{@code LEADER_TAKEOVER} / {@code --leader-takeover}: on PostgreSQL, how soon a standby
 *       {@code serve} takes over live indexing after the leader dies or its machine vanishes; standbys
 *       try every tenth of it. Same forms as above, at least 2s; default 10s.</li>
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
    public static final String DEFAULT_PLC_URL = "https://plc.directory";
    public static final String DEFAULT_RELAY_URL = "https://relay1.us-east.bsky.network";
    public static final Duration DEFAULT_JETSTREAM_REPLAY_WINDOW = Duration.ofHours(24);
    public static final Duration DEFAULT_LEADER_TAKEOVER = Duration.ofSeconds(10);
    /** TCP keepalives count in whole seconds: below this, a vanished machine is not noticed in time. */
    private static final Duration MIN_LEADER_TAKEOVER = Duration.ofSeconds(2);
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*([hms])");
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    private final DatabaseUrl databaseUrl;
    private final int port;
    private final String forumDid;
    private final String jetstreamUrl;
    private final String logLevel;
    private final URI plcUrl;
    private final URI relayUrl;
    private final Duration jetstreamReplayWindow;
    private final DatabaseUrl databaseReadUrl;
    private final boolean metrics;
    private final Duration leaderTakeover;

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
        this.plcUrl = httpUrl("PLC_URL", b.plcUrl == null ? DEFAULT_PLC_URL : b.plcUrl);
        this.relayUrl = httpUrl("RELAY_URL", b.relayUrl == null ? DEFAULT_RELAY_URL : b.relayUrl);
        this.jetstreamReplayWindow = b.jetstreamReplayWindow == null ? DEFAULT_JETSTREAM_REPLAY_WINDOW
                : parseDuration("JETSTREAM_REPLAY_WINDOW", "24h, 90m or PT24H", b.jetstreamReplayWindow);
        this.leaderTakeover = b.leaderTakeover == null ? DEFAULT_LEADER_TAKEOVER
                : parseDuration("LEADER_TAKEOVER", "10s or PT10S", b.leaderTakeover);
        if (leaderTakeover.compareTo(MIN_LEADER_TAKEOVER) < 0) {
            throw new IllegalArgumentException("LEADER_TAKEOVER must be at least 2s, was '" + b.leaderTakeover + "'");
        }
        this.databaseReadUrl = b.databaseReadUrl == null ? null : parseReadUrl(b.databaseReadUrl, databaseUrl);
        this.metrics = b.metrics == null || parseSwitch("METRICS", b.metrics);
    }

    private static DatabaseUrl parseReadUrl(String url, DatabaseUrl primary) {
        DatabaseUrl read;
        try {
            read = DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_READ_URL: " + e.getMessage(), e);
        }
        if (primary.dialect() != Dialect.POSTGRES || read.dialect() != Dialect.POSTGRES) {
            throw new IllegalArgumentException("DATABASE_READ_URL is for a PostgreSQL streaming replica of a PostgreSQL"
                    + " DATABASE_URL, but DATABASE_URL is " + primary + " and DATABASE_READ_URL is " + read
                    + ". A SQLite database has no replicas: unset DATABASE_READ_URL.");
        }
        return read;
    }

    private static boolean parseSwitch(String variable, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(variable + " must be on or off, was '" + value + "'");
        };
    }

    private static URI httpUrl(String variable, String url) {
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(variable + " must be an http:// or https:// URL, was '" + url + "'");
        }
        return uri;
    }

    private static Duration parseDuration(String variable, String examples, String value) {
        Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
        try {
            Duration window = shortForm.matches()
                    ? Duration.of(Long.parseLong(shortForm.group(1)), switch (shortForm.group(2)) {
                        case "h" -> ChronoUnit.HOURS;
                        case "m" -> ChronoUnit.MINUTES;
                        default -> ChronoUnit.SECONDS;
                    })
                    : Duration.parse(value);
            if (!window.isNegative() && !window.isZero()) {
                return window;
            }
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException ignored) {
            // Falls through to the one message below.
        }
        throw new IllegalArgumentException(variable + " must be a positive duration such as " + examples
                + ", was '" + value + "'");
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

    /** The did:plc directory, without a trailing slash. */
    public URI plcUrl() {
        return plcUrl;
    }

    /** The relay that lists repositories by collection, without a trailing slash. */
    public URI relayUrl() {
        return relayUrl;
    }

    public Duration jetstreamReplayWindow() {
        return jetstreamReplayWindow;
    }

    /** The PostgreSQL replica the public reads go to, if one is set. */
    public Optional<DatabaseUrl> databaseReadUrl() {
        return Optional.ofNullable(databaseReadUrl);
    }

    /** Whether {@code /metrics} is served. */
    public boolean metrics() {
        return metrics;
    }

    /** On PostgreSQL, how soon a standby takes over live indexing from a leader that is gone. */
    public Duration leaderTakeover() {
        return leaderTakeover;
    }

    @Override
    public String toString() {
        return "AppViewConfig{databaseUrl=" + databaseUrl + ", port=" + port + ", forumDid=" + forumDid
                + ", jetstreamUrl=" + jetstreamUrl + ", logLevel=" + logLevel + ", plcUrl=" + plcUrl
                + ", relayUrl=" + relayUrl + ", jetstreamReplayWindow=" + jetstreamReplayWindow
                + ", leaderTakeover=" + leaderTakeover + ", databaseReadUrl=" + databaseReadUrl
                + ", metrics=" + (metrics ? "on" : "off") + "}";
    }

    /** Null or blank values keep the default. */
    public static final class Builder {
        private String databaseUrl;
        private Integer port;
        private String forumDid;
        private String jetstreamUrl;
        private String logLevel;
        private String plcUrl;
        private String relayUrl;
        private String jetstreamReplayWindow;
        private String databaseReadUrl;
        private String metrics;
        private String leaderTakeover;

        private Builder() {
        }

        public Builder databaseReadUrl(String url) {
            this.databaseReadUrl = blankToNull(url);
            return this;
        }

        /** As written in {@code METRICS}: {@code on} or {@code off}. */
        public Builder metrics(String onOrOff) {
            this.metrics = blankToNull(onOrOff);
            return this;
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

        public Builder plcUrl(String url) {
            this.plcUrl = blankToNull(url);
            return this;
        }

        public Builder relayUrl(String url) {
            this.relayUrl = blankToNull(url);
            return this;
        }

        /** As written in {@code JETSTREAM_REPLAY_WINDOW}: {@code 24h}, {@code 90m}, {@code PT24H}. */
        public Builder jetstreamReplayWindow(String window) {
            this.jetstreamReplayWindow = blankToNull(window);
            return this;
        }

        /** As written in {@code LEADER_TAKEOVER}: {@code 10s}, {@code PT10S}. */
        public Builder leaderTakeover(String takeover) {
            this.leaderTakeover = blankToNull(takeover);
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that is wrong */
        public AppViewConfig build() {
            return new AppViewConfig(this);
        }
    }
}
