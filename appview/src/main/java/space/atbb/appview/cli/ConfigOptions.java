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

    /** The validated configuration; also applies its log level. */
    public AppViewConfig config() {
        AppViewConfig config = AppViewConfig.builder()
                .databaseUrl(databaseUrl).port(port).forumDid(forumDid).jetstreamUrl(jetstreamUrl).logLevel(logLevel)
                .build();
        Logging.setLevel(config.logLevel());
        return config;
    }
}
