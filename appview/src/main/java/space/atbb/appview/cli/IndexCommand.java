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
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.control.EventReplay;
import space.atbb.appview.control.IndexerReplay;

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
                description = "The sample forum shipped in the jar (forum DID " + IndexerReplay.SAMPLE_FORUM_DID + ").")
        private boolean sample;
    }

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
                return replay(config, copy, Optional.of(IndexerReplay.SAMPLE_FORUM_DID));
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
        EventReplay.Result result = DatabaseOrServer.run(config,
                db -> new IndexerReplay(db, config.forumDid()).replay(file, forumDid),
                server -> server.replay(file, forumDid));
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
}
