package space.atbb.appview.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import space.atbb.db.DatabaseUrl;

/** {@code appview db copy|backup|check}: move, back up and check a forum's database. */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {"Moves a forum between databases (copy), backs it up while it runs (backup), and checks"
                + " its health (check). See docs/operations.md."},
        subcommands = {DbCopyCommand.class, DbBackupCommand.class, DbCheckCommand.class})
public final class DbCommand implements Runnable {
    /** The exit status of a command given input it cannot act on: nothing was done. */
    static final int USAGE = 2;

    @CommandLine.Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Name a subcommand: copy, backup or check");
    }

    /** Parses a URL given as {@code option}; a bad one is a usage error naming the accepted forms. */
    static DatabaseUrl url(CommandSpec spec, String option, String url) {
        try {
            return DatabaseUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + FailureMessage.of(e));
        }
    }

    /** A SQLite source that is not there would be created empty by opening it: say so instead. */
    static void requireExisting(CommandSpec spec, String option, DatabaseUrl url) {
        url.sqliteFile().filter(file -> !Files.isRegularFile(file)).ifPresent(file -> {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": there is no SQLite database at "
                    + file.toAbsolutePath().normalize());
        });
    }

    /** Prints a refusal with the command's name and returns the usage status. */
    static int refuse(CommandSpec spec, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("appview db " + spec.name() + ": " + message);
        return USAGE;
    }
}
