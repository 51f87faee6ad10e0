package space.atbb.appview.server;

import java.nio.file.Path;
import java.util.Optional;

/** Replays a JSONL file of Jetstream events into the database; returns how many were applied. */
@FunctionalInterface
public interface EventReplay {
    /** @param forumDid the forum the caller names, if any; else the replayer's own configuration decides */
    long replay(Path file, Optional<String> forumDid);
}
