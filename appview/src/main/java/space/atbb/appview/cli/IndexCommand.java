package space.atbb.appview.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import space.atbb.appview.AppViewConfig;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.server.EventReplay;
import space.atbb.appview.server.SchemaCheck;
import space.atbb.db.Database;
import space.atbb.db.DatabaseLockedException;
import space.atbb.db.Databases;

/** Replays recorded events; through the running server when it holds the SQLite file. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Replays Jetstream events from a JSONL file (one event per line) into the database.",
                "While `serve` holds a SQLite file, the replay runs inside that server."})
public final class IndexCommand implements Callable<Integer> {
    @Mixin
    private ConfigOptions options;

    @Option(names = "--from", required = true, paramLabel = "FILE.jsonl", description = "The events file.")
    private Path from;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        AppViewConfig config = options.config();
        if (!Files.isReadable(from) || Files.isDirectory(from)) {
            throw new IllegalArgumentException("--from " + from + ": no readable file there");
        }
        long events;
        try (Database db = Databases.create(config.databaseUrlForConnecting())) {
            SchemaCheck.prepare(db);
            events = replayer(db, config).replay(from, config.forumDid());
        } catch (DatabaseLockedException locked) {
            events = ControlClient.reach(locked).replay(from, config.forumDid());
        }
        spec.commandLine().getOut().println("Applied " + events + " event(s) from " + from + ".");
        return 0;
    }

    /** How events are replayed into {@code db}, for this command and for a running server. */
    static EventReplay replayer(Database db, AppViewConfig config) {
        return (file, callersForumDid) -> {
            String forumDid = callersForumDid.or(config::forumDid).orElseThrow(() -> new IllegalArgumentException(
                    "indexing needs the forum's DID: set FORUM_DID or pass --forum-did"
                            + " (the bundled sample forum is did:plc:atbb-sample-forum)"));
            return new Indexer(db, forumDid).replay(file).applied();
        };
    }
}
