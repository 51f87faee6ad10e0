package space.atbb.appview;

import java.io.UncheckedIOException;
import java.util.Set;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import space.atbb.appview.cli.BackfillCommand;
import space.atbb.appview.cli.DbCommand;
import space.atbb.appview.cli.FailureMessage;
import space.atbb.appview.cli.IndexCommand;
import space.atbb.appview.cli.MigrateCommand;
import space.atbb.appview.cli.MigratePermissionsCommand;
import space.atbb.appview.cli.ServeCommand;
import space.atbb.appview.cli.SessionsCommand;
import space.atbb.db.DatabaseException;

/** {@code appview [serve|migrate|index|backfill|sessions|db] ...}: serve when no command is named. */
@Command(name = "appview", mixinStandardHelpOptions = true, version = "atBB appview 0.1.0",
        description = "atBB AppView: the forum's HTTP API on PostgreSQL or SQLite.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            IndexCommand.class,
            BackfillCommand.class,
            SessionsCommand.class,
            MigratePermissionsCommand.class,
            DbCommand.class,
        })
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(commandLine().execute(withDefaultCommand(args)));
    }

    /**
     * The command line. A failure the user can act on (bad configuration, the database or its
     * schema saying no, an unreadable file) is one message and exit code 1, its stack trace only
     * at LOG_LEVEL=DEBUG; anything else is a bug and keeps its stack trace.
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (!expected(e)) {
                throw e;
            }
            cmd.getErr().println("appview " + cmd.getCommandName() + ": " + FailureMessage.of(e));
            if (log.isDebugEnabled()) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
    }

    private static boolean expected(Exception e) {
        return e instanceof DatabaseException || e instanceof FlywayException || e instanceof IllegalArgumentException
                || e instanceof UncheckedIOException;
    }

    /** No command, or only flags: {@code serve}. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_FLAGS.contains(args[0]))) {
            String[] withServe = new String[args.length + 1];
            withServe[0] = "serve";
            System.arraycopy(args, 0, withServe, 1, args.length);
            return withServe;
        }
        return args;
    }
}
