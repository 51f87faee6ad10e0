package space.atbb.appview.control;

import java.nio.file.Path;
import java.util.Optional;

/** Replays a JSONL file of Jetstream events into the database. */
@FunctionalInterface
public interface EventReplay {
    /**
     * What a replay did. {@code alreadyApplied}: events at or before the cursor stored for the
     * file's name, left alone; {@code refused}: events not applied for a reason that is logged.
     */
    record Result(long applied, long alreadyApplied, long refused) {
    }

    /** @param forumDid the forum the caller names, if any; else the replayer's own configuration decides */
    Result replay(Path file, Optional<String> forumDid);
}
