package space.atbb.appview.cli;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlFile;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;

/** Applies pending schema steps; refuses a schema newer than this build. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Applies every pending schema migration step, then exits.",
                "On PostgreSQL, run it before `serve` after each upgrade."})
public final class MigrateCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    @Mixin
    private ConfigOptions options;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppViewConfig config = options.config();
        try (Database db = Databases.create(config.databaseUrl())) {
            int applied = db.upgradeSchema().migrationsExecuted;
            String version = db.schemaVersion().orElse("none");
            log.info("Migrated {}: {} step(s) applied, schema at version {}", config.databaseUrl(), applied, version);
            spec.commandLine().getOut().println("Schema at version " + version + " (" + applied + " step(s) applied).");
            return 0;
        } catch (DatabaseLockedException locked) {
            // A running server migrated its SQLite file when it started: that is the whole answer.
            throw ControlFile.read(locked.file())
                    .map(c -> new DatabaseException(locked.getMessage() + " The running appview (pid " + c.pid()
                            + ", port " + c.port() + ") migrated it when it started, so there is nothing to do;"
                            + " to migrate anyway, stop it first.", locked))
                    .orElse(locked);
        }
    }
}
