package space.atbb.appview.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.control.ControlClient;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;
import space.atbb.db.copy.CopyRefusedException;
import space.atbb.db.copy.CopyReport;
import space.atbb.db.copy.DatabaseCopy;
import space.atbb.db.copy.TableComparison;

/** {@code appview db copy --from URL --to URL [--resume]}: the whole forum, verified. */
@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copies a forum into an empty database of either dialect (SQLite <-> PostgreSQL, or the same"
                + " dialect), every table, ids kept, then verifies each table by row count and checksum.",
                "A SQLite source held by a running `appview serve` is copied from a backup that server takes.",
                "Exit status: 0 copied and verified, 1 the verification found differences (or the copy failed"
                        + " part-way: run it again with --resume), 2 refused (nothing was written)."})
public final class DbCopyCommand implements Callable<Integer> {
    @Option(names = "--from", required = true, paramLabel = "URL", description = "The database to copy.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "An empty database: no tables, or migrated with no rows. The copy migrates it.")
    private String to;

    @Option(names = "--resume", description = "Continue an interrupted copy into --to from what it committed.")
    private boolean resume;

    @Option(names = "--batch-rows", paramLabel = "N", hidden = true,
            description = "Rows per committed batch (default 20000 into PostgreSQL, 50000 into SQLite).")
    private Integer batchRows;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        DatabaseUrl source = DbCommand.url(spec, "--from", from);
        DatabaseUrl target = DbCommand.url(spec, "--to", to);
        DbCommand.requireExisting(spec, "--from", source);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Copying " + source + " to " + target + (resume ? ", resuming" : ""));
        Optional<Path> newFile = target.sqliteFile().filter(file -> !Files.exists(file));
        try {
            return copy(out, target);
        } catch (CopyRefusedException e) {
            newFile.ifPresent(DbCopyCommand::removeWithSidecars); // opening it created it: leave no trace
            return DbCommand.refuse(spec, FailureMessage.of(e) + advice(e.reason()));
        }
    }

    private int copy(PrintWriter out, DatabaseUrl target) {
        try (Snapshot snapshot = Snapshot.of(from); Database into = openTarget(target)) {
            DatabaseCopy copy = DatabaseCopy.from(snapshot.database).to(into).resume(resume)
                    .onProgress(new CopyProgressPrinter(out, System.console() != null));
            if (snapshot.name != null) {
                copy.sourceName(snapshot.name);
            }
            if (batchRows != null) {
                copy.batchRows(batchRows);
            }
            CopyReport report = copy.run();
            print(report, out);
            return report.complete() ? 0 : 1;
        }
    }

    private static void removeWithSidecars(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Database openTarget(DatabaseUrl target) {
        try {
            return Databases.create(to);
        } catch (DatabaseLockedException locked) {
            throw new CopyRefusedException(CopyRefusedException.Reason.TARGET_NOT_EMPTY, target
                    + " is held by a running process (" + locked.getMessage() + "): a server's database is not empty");
        }
    }

    private String advice(CopyRefusedException.Reason reason) {
        return switch (reason) {
            case SOURCE_SCHEMA -> ". Migrate the source with `appview migrate --database-url URL`, using the build"
                    + " that matches it.";
            case UNFINISHED_COPY -> ". To continue it, run the same command with --resume.";
            case OTHER_SOURCE -> ". Run --resume with --from naming that source.";
            case TARGET_NOT_EMPTY -> ". Name an empty database as --to (on PostgreSQL: createdb NAME; on SQLite:"
                    + " a file that does not exist yet).";
            default -> ".";
        };
    }

    private static void print(CopyReport report, PrintWriter out) {
        out.println();
        out.printf(Locale.ROOT, "%-18s %12s %12s  %-16s  %-16s  %s%n", "table", "source rows", "target rows",
                "source checksum", "target checksum", "");
        for (TableComparison t : report.tables()) {
            out.printf(Locale.ROOT, "%-18s %,12d %,12d  %-16s  %-16s  %s%n", t.table(), t.sourceRows(), t.targetRows(),
                    t.sourceChecksum().substring(0, 16), t.targetChecksum().substring(0, 16),
                    t.matches() ? "identical" : "DIFFERENT");
        }
        out.println();
        if (report.complete()) {
            out.printf(Locale.ROOT, "Copied and verified %,d rows in %.1f s. The target is complete: point"
                    + " DATABASE_URL at it.%n", report.rowsCopied(), report.elapsed().toMillis() / 1000.0);
        } else {
            out.println("Verification found differences; the target stays marked unfinished and `serve` refuses it:");
            report.differences().forEach(t -> out.println("  " + t.describe()));
        }
    }

    /**
     * The source to read: the database itself, or, when a running server holds the SQLite file,
     * a backup that server takes, removed afterwards. {@code name} is then the held file's.
     */
    private static final class Snapshot implements AutoCloseable {
        final Database database;
        final String name;
        private final Path directory;

        private Snapshot(Database database, String name, Path directory) {
            this.database = database;
            this.name = name;
            this.directory = directory;
        }

        static Snapshot of(String url) {
            try {
                return new Snapshot(Databases.create(url), null, null);
            } catch (DatabaseLockedException locked) {
                ControlClient server = ControlClient.reach(locked);
                Path directory;
                try {
                    directory = Files.createTempDirectory("atbb-copy-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Path file = directory.resolve(locked.file().getFileName());
                server.backup(file);
                try {
                    return new Snapshot(Databases.create("file:" + file), "SQLITE " + locked.file(), directory);
                } catch (DatabaseException e) {
                    delete(directory);
                    throw e;
                }
            }
        }

        @Override
        public void close() {
            database.close();
            if (directory != null) {
                delete(directory);
            }
        }

        private static void delete(Path directory) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the snapshot in " + directory, e);
            }
        }
    }
}
