package space.atbb.appview.cli;

import picocli.CommandLine.Option;
import space.atbb.appview.AppViewConfig;

/** The configuration flags every subcommand takes; each overrides its environment variable. */
public final class ConfigOptions {
    @Option(names = "--database-url", paramLabel = "URL",
            description = "Database URL (env DATABASE_URL; default " + AppViewConfig.DEFAULT_DATABASE_URL + ").")
    private String databaseUrl;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port, 0 for any free one (env PORT; default 3000).")
    private Integer port;

    @Option(names = "--forum-did", paramLabel = "DID", description = "DID of the forum account (env FORUM_DID).")
    private String forumDid;

    @Option(names = "--jetstream-url", paramLabel = "URL",
            description = "Jetstream WebSocket URL (env JETSTREAM_URL; unset: no live stream).")
    private String jetstreamUrl;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (env LOG_LEVEL; default INFO).")
    private String logLevel;

    /** Flags over environment over defaults; validated. Also applies the log level. */
    public AppViewConfig config() {
        AppViewConfig config = AppViewConfig.fromEnvironment(System.getenv())
                .databaseUrl(databaseUrl).port(port).forumDid(forumDid).jetstreamUrl(jetstreamUrl).logLevel(logLevel)
                .build();
        Logging.setLevel(config.logLevel());
        return config;
    }
}
