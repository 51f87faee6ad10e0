package space.atbb.appview;

import java.io.UncheckedIOException;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import space.atbb.appview.cli.IndexCommand;
import space.atbb.appview.cli.MigrateCommand;
import space.atbb.appview.cli.MigratePermissionsCommand;
import space.atbb.appview.cli.ServeCommand;
import space.atbb.appview.cli.SessionsCommand;
import space.atbb.db.DatabaseException;

/** {@code appview [serve|migrate|index|sessions] ...}: serve when no command is named. */
@Command(name = "appview", mixinStandardHelpOptions = true, version = "atBB appview 0.1.0",
        description = "atBB AppView: the forum's HTTP API on PostgreSQL or SQLite.",
        subcommands = {
            ServeCommand.class,
            MigrateCommand.class,
            IndexCommand.class,
            SessionsCommand.class,
            MigratePermissionsCommand.class,
        })
public final class Main {
    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(commandLine().execute(withDefaultCommand(args)));
    }

    /** The command line, with errors the user can act on printed as one message rather than a stack trace. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof DatabaseException || e instanceof IllegalArgumentException
                    || e instanceof UncheckedIOException || e instanceof UnsupportedOperationException) {
                cmd.getErr().println("appview " + cmd.getCommandName() + ": " + e.getMessage());
                return 1;
            }
            throw e;
        });
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
