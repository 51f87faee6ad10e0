package space.atbb.appview.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.backfill.BackfillOptions;
import space.atbb.appview.backfill.BackfillRunner;
import space.atbb.appview.backfill.ProgressBar;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.RepositoryBackfill;

/** Builds the forum from its repositories; through the running server when it holds the SQLite file. */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Reads the forum's repository, its members' (listed by the relay) and every known user's",
                "from their PDSes and indexes their records. Resumes a run that was stopped; a repository that",
                "cannot be read is kept in backfill_errors (retry with --retry-errors).",
                "While `serve` holds a SQLite file, the backfill runs inside that server."})
public final class BackfillCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @Option(names = "--did", paramLabel = "DID", description = "Backfill only this repository (repeatable).")
    private List<String> dids = new ArrayList<>();

    @Option(names = "--retry-errors", description = "Backfill only the repositories that failed in the last run.")
    private boolean retryErrors;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppViewConfig config = options.config();
        BackfillOptions backfill = BackfillOptions.of(config, dids, retryErrors);
        RepositoryBackfill.Result result = DatabaseOrServer.run(config,
                db -> new BackfillRunner(db, config.forumDid())
                        .run(backfill, ProgressBar.on(spec.commandLine().getOut(), System.console() != null)),
                server -> server.backfill(new RepositoryBackfill.Request(config.forumDid(), config.plcUrl(),
                        config.relayUrl(), dids, retryErrors)));
        if ("failed".equals(result.status())) {
            spec.commandLine().getErr().println("appview backfill: backfill " + result.runId() + " failed: "
                    + result.errorMessage() + " Run it again to resume.");
            return 1;
        }
        StringBuilder summary = new StringBuilder("Backfill " + result.runId() + ": " + result.processed() + " of "
                + result.repositories() + " repositories, " + result.recordsIndexed() + " record(s) indexed.");
        if (result.skipped() > 0) {
            summary.append(" ").append(result.skipped()).append(" record(s) were refused (malformed or untrusted);"
                    + " the log says why.");
        }
        if (result.errors() > 0) {
            summary.append(" ").append(result.errors()).append(" repository(ies) or collection(s) could not be read"
                    + " (see backfill_errors); retry them with --retry-errors.");
        }
        spec.commandLine().getOut().println(summary);
        return 0;
    }
}
