package space.atbb.appview.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import space.atbb.appview.Main;

/** One run of a command in this JVM: its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {
    /** Runs the appview command line, as {@code scripts/appview ARGS} would. */
    static CliRun appview(String... args) {
        return of(Main.commandLine(), args);
    }

    static CliRun of(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = command.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
