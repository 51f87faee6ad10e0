package space.atbb.appview.server;

import java.nio.file.Path;

/** Replays a JSONL file of Jetstream events into the database; returns how many were applied. */
@FunctionalInterface
public interface EventReplay {
    long replay(Path file);
}
