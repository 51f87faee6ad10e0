package space.atbb.appview.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlClient;
import space.atbb.db.Database;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;
import space.atbb.db.copy.DatabaseCheck;

/** {@code appview db check}: exit 0 when healthy, 1 with the list of problems. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks the database against what this build expects: schema version, migration checksums,"
                + " tables, columns, indexes and foreign keys, an unfinished copy, and the engine's own checks"
                + " (SQLite integrity_check and foreign_key_check; PostgreSQL invalid indexes and unvalidated"
                + " constraints). Through the running `appview serve` when one holds the SQLite file.",
                "Exit status: 0 healthy, 1 problems found (listed), 2 no such database."})
public final class DbCheckCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppViewConfig config = options.config();
        DbCommand.requireExisting(spec, "--database-url", config.databaseUrl());
        DatabaseCheck.Report report;
        try (Database db = Databases.create(config.databaseUrl())) {
            report = DatabaseCheck.run(db);
        } catch (DatabaseLockedException locked) {
            report = ControlClient.reach(locked).check();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (report.healthy()) {
            out.println("Healthy: " + config.databaseUrl() + " at schema version " + report.schemaVersion() + ".");
            return 0;
        }
        out.println(config.databaseUrl() + " at schema version " + report.schemaVersion() + ": "
                + report.problems().size() + " problem(s):");
        report.problems().forEach(problem -> out.println("  " + problem));
        return 1;
    }
}
