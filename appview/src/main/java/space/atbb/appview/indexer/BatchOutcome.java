package space.atbb.appview.indexer;

import java.util.ArrayList;
import java.util.List;

/** What one batch did, published to the counters and the log only once its transaction commits. */
final class BatchOutcome {
    record Note(EventKey key, SkipReason reason, String detail) {
    }

    private int applied;
    private final List<Note> parked = new ArrayList<>();
    private final List<Note> skipped = new ArrayList<>();

    void countApplied() {
        applied++;
    }

    /** Applied, but a record it points to is not indexed yet; the id is filled in when it arrives. */
    void parked(EventKey key, String detail) {
        parked.add(new Note(key, null, detail));
    }

    void skipped(EventKey key, SkipReason reason, String detail) {
        skipped.add(new Note(key, reason, detail));
    }

    int applied() {
        return applied;
    }

    List<Note> parkedNotes() {
        return parked;
    }

    List<Note> skippedNotes() {
        return skipped;
    }
}
