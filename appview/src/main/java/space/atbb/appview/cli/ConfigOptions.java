package space.atbb.appview.cli;

import picocli.CommandLine.Option;
import space.atbb.appview.config.AppViewConfig;

/**
 * The configuration flags every subcommand takes. A flag not given falls back to its environment
 * variable (picocli's {@code ${env:...}} default); {@link AppViewConfig} validates the result and
 * supplies the defaults.
 */
public final class ConfigOptions {
    @Option(names = "--database-url", paramLabel = "URL", defaultValue = "${env:DATABASE_URL}",
            description = "Database URL (env DATABASE_URL; default " + AppViewConfig.DEFAULT_DATABASE_URL + ").")
    private String databaseUrl;

    // A string, so that a bad PORT gets AppViewConfig's message naming the variable.
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "${env:PORT}",
            description = "HTTP port, 0 for any free one (env PORT; default " + AppViewConfig.DEFAULT_PORT + ").")
    private String port;

    @Option(names = "--forum-did", paramLabel = "DID", defaultValue = "${env:FORUM_DID}",
            description = "DID of the forum account (env FORUM_DID).")
    private String forumDid;

    @Option(names = "--jetstream-url", paramLabel = "URL", defaultValue = "${env:JETSTREAM_URL}",
            description = "Jetstream WebSocket URL (env JETSTREAM_URL; unset: no live stream).")
    private String jetstreamUrl;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:LOG_LEVEL}",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (env LOG_LEVEL; default INFO).")
    private String logLevel;

    @Option(names = "--plc-url", paramLabel = "URL", defaultValue = "${env:PLC_URL}",
            description = "did:plc directory for backfill (env PLC_URL; default " + AppViewConfig.DEFAULT_PLC_URL + ").")
    private String plcUrl;

    @Option(names = "--relay-url", paramLabel = "URL", defaultValue = "${env:RELAY_URL}",
            description = "Relay that lists the forum's members, for backfill (env RELAY_URL; default "
                    + AppViewConfig.DEFAULT_RELAY_URL + ").")
    private String relayUrl;

    @Option(names = "--jetstream-replay-window", paramLabel = "DURATION", defaultValue = "${env:JETSTREAM_REPLAY_WINDOW}",
            description = "How far back Jetstream replays; an older stored cursor makes serve backfill first"
                    + " (env JETSTREAM_REPLAY_WINDOW; default 24h).")
    private String jetstreamReplayWindow;

    @Option(names = "--database-read-url", paramLabel = "URL", defaultValue = "${env:DATABASE_READ_URL}",
            description = "PostgreSQL streaming replica the public read API and pages read from (env DATABASE_READ_URL;"
                    + " unset: everything on --database-url).")
    private String databaseReadUrl;

    @Option(names = "--metrics", paramLabel = "on|off", defaultValue = "${env:METRICS}",
            description = "Serve Prometheus metrics on /metrics (env METRICS; default on).")
    private String metrics;
    @Option(names = "--leader-takeover", paramLabel = "DURATION", defaultValue = "${env:LEADER_TAKEOVER}",
            description = "On PostgreSQL, how soon a standby serve takes over live indexing from a leader that is"
                    + " gone (env LEADER_TAKEOVER; default 10s).")
    private String leaderTakeover;

    /** The validated configuration; also applies its log level. */
    public AppViewConfig config() {
        AppViewConfig config = AppViewConfig.builder()
                .databaseUrl(databaseUrl).port(port).forumDid(forumDid).jetstreamUrl(jetstreamUrl).logLevel(logLevel)
                .plcUrl(plcUrl).relayUrl(relayUrl).jetstreamReplayWindow(jetstreamReplayWindow)
                .databaseReadUrl(databaseReadUrl).metrics(metrics)
                .leaderTakeover(leaderTakeover)
                .build();
        Logging.setLevel(config.logLevel());
        return config;
    }
}
