package space.atbb.appview.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.ControlClient;
import space.atbb.db.Database;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.db.copy.DatabaseBackup;

/** {@code appview db backup --to FILE}: an online, consistent copy of a SQLite database. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Writes a consistent copy of the SQLite database to a new file (SQLite's VACUUM INTO), through"
                + " the running `appview serve` when one holds the file, and checks it with integrity_check.",
                "For PostgreSQL it prints the pg_dump command for the URL and exits with status 2."})
public final class DbBackupCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The backup file; must not exist.")
    private Path to;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppViewConfig config = options.config();
        DatabaseUrl url = config.databaseUrl();
        if (url.dialect() == Dialect.POSTGRES) {
            spec.commandLine().getOut().println(DatabaseBackup.pgDumpCommand(url, to));
            return DbCommand.refuse(spec, "PostgreSQL is backed up with pg_dump: run the command above, with the"
                    + " password in PGPASSWORD (restore with pg_restore; see docs/operations.md)");
        }
        DbCommand.requireExisting(spec, "--database-url", url);
        DatabaseBackup.Backup backup;
        try (Database db = Databases.create(config.databaseUrl())) {
            backup = DatabaseBackup.sqlite(db, to);
        } catch (DatabaseLockedException locked) {
            backup = ControlClient.reach(locked).backup(to);
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Backed up %s to %s: %,d bytes in %.1f s, integrity_check ok.%n",
                url, backup.file(), backup.bytes(), backup.elapsed().toMillis() / 1000.0);
        return 0;
    }
}
