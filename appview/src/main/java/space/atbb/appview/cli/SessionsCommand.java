package space.atbb.appview.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.auth.Sessions;
import space.atbb.appview.auth.Sessions.IssuedToken;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlClient;

/** Bearer-token sessions for the admin API, created and revoked by the operator. */
@Command(name = "sessions", mixinStandardHelpOptions = true,
        description = "Creates and revokes bearer-token sessions of the HTTP API.",
        subcommands = {SessionsCommand.Create.class, SessionsCommand.Revoke.class})
public final class SessionsCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /**
     * Runs {@code local} on the database, or {@code remote} through the server holding its SQLite file.
     */
    static <T> T withSessions(AppViewConfig config, Function<Sessions, T> local, Function<ControlClient, T> remote) {
        return DatabaseOrServer.run(config, db -> local.apply(new Sessions(db, Clock.systemUTC())), remote);
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates a session for a DID and prints its bearer token on stdout.",
                    "The token is shown only this once: only its SHA-256 is stored."})
    static final class Create implements Callable<Integer> {
        @Mixin
        private ConfigOptions options;

        @Option(names = "--did", required = true, paramLabel = "DID", description = "The member, e.g. did:plc:abc123.")
        private String did;

        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "30d", converter = TtlConverter.class,
                description = "How long the token lives: 90m, 12h, 30d, or ISO-8601 such as PT12H (default ${DEFAULT-VALUE};"
                        + " at most 365d).")
        private Duration ttl;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            IssuedToken issued = withSessions(options.config(), s -> s.create(did, ttl),
                    remote -> remote.createSession(did, ttl));
            spec.commandLine().getOut().println(issued.token());
            spec.commandLine().getErr().println("Session for " + issued.did() + " expires at " + issued.expiresAt()
                    + ". Store the token now: it cannot be shown again.");
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revokes one session by its token, or every session of a DID.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        private ConfigOptions options;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Target target;

        static final class Target {
            @Option(names = "--did", paramLabel = "DID", description = "Revoke every session of this DID.")
            private String did;

            @Option(names = "--token", paramLabel = "TOKEN", description = "Revoke the session of this token.")
            private String token;
        }

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            long revoked = withSessions(options.config(),
                    s -> target.token != null ? (s.revokeToken(target.token) ? 1L : 0L) : (long) s.revokeDid(target.did),
                    remote -> remote.revoke(target.did, target.token));
            spec.commandLine().getOut().println("Revoked " + revoked + " session(s).");
            return 0;
        }
    }

    /** 90m, 12h, 30d, 45s, or an ISO-8601 duration. */
    static final class TtlConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.matches("[0-9]{1,6}[smhd]")) {
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                return switch (v.charAt(v.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + value + "' is not a duration: write 90m, 12h, 30d or PT12H");
            }
        }
    }
}
