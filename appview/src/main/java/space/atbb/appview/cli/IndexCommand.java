package space.atbb.appview.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.AppViewConfig;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.appview.server.EventReplay;
import space.atbb.appview.server.SchemaCheck;
import space.atbb.db.Database;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;

/** Replays recorded events; through the running server when it holds the SQLite file. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Replays Jetstream events from a JSONL file (one event per line) into the database,",
                "or the sample forum shipped in the jar (--sample).",
                "While `serve` holds a SQLite file, the replay runs inside that server."})
public final class IndexCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @ArgGroup(multiplicity = "1")
    private Source source;

    static final class Source {
        @Option(names = "--from", required = true, paramLabel = "FILE.jsonl", description = "The events file.")
        private Path from;

        @Option(names = "--sample", required = true,
                description = "The sample forum shipped in the jar (forum DID " + SAMPLE_FORUM_DID + ").")
        private boolean sample;
    }

    /** The DID whose records make up the bundled sample forum. */
    static final String SAMPLE_FORUM_DID = "did:plc:atbb-sample-forum";
    private static final String SAMPLE_RESOURCE = "/sample/forum.jsonl";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        AppViewConfig config = options.config();
        if (source.sample) {
            // Replayed from a copy named like the original, so its cursor is the same one.
            Path directory = Files.createTempDirectory("atbb-sample-");
            Path copy = directory.resolve("forum.jsonl");
            try (InputStream in = IndexCommand.class.getResourceAsStream(SAMPLE_RESOURCE)) {
                Files.copy(in, copy);
                return replay(config, copy, Optional.of(SAMPLE_FORUM_DID));
            } finally {
                Files.deleteIfExists(copy);
                Files.deleteIfExists(directory);
            }
        }
        if (!Files.isReadable(source.from) || Files.isDirectory(source.from)) {
            throw new IllegalArgumentException("--from " + source.from + ": no readable file there");
        }
        return replay(config, source.from, config.forumDid());
    }

    private int replay(AppViewConfig config, Path file, Optional<String> forumDid) {
        EventReplay.Result result;
        try (Database db = Databases.create(config.databaseUrlForConnecting())) {
            SchemaCheck.prepare(db);
            result = replayer(db, config).replay(file, forumDid);
        } catch (DatabaseLockedException locked) {
            result = ControlClient.reach(locked).replay(file, forumDid);
        }
        StringBuilder summary = new StringBuilder("Applied " + result.applied() + " event(s) from "
                + (source.sample ? "the sample forum" : file) + ".");
        if (result.alreadyApplied() > 0) {
            summary.append(" ").append(result.alreadyApplied()).append(" event(s) were at or before the cursor stored"
                    + " for a file of this name, from an earlier replay, and were left alone.");
        }
        if (result.refused() > 0) {
            summary.append(" ").append(result.refused()).append(" event(s) were refused (invalid, untrusted or for"
                    + " another forum); the log says why.");
        }
        spec.commandLine().getOut().println(summary);
        return 0;
    }

    /** How events are replayed into {@code db}, for this command and for a running server. */
    static EventReplay replayer(Database db, AppViewConfig config) {
        return (file, callersForumDid) -> {
            String forumDid = callersForumDid.or(config::forumDid).orElseThrow(() -> new IllegalArgumentException(
                    "indexing needs the forum's DID: set FORUM_DID or pass --forum-did"
                            + " (index --sample loads the bundled sample forum, " + SAMPLE_FORUM_DID + ")"));
            IndexerCounters counters = new Indexer(db, forumDid).replay(new JsonlEventSource(file));
            return new EventReplay.Result(counters.applied(), counters.skipped(SkipReason.ALREADY_APPLIED),
                    counters.refused());
        };
    }
}
