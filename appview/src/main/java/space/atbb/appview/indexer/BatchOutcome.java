package space.atbb.appview.indexer;

import java.util.ArrayList;
import java.util.List;
import space.atbb.appview.indexer.event.EventKey;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.ParkedListener;
import space.atbb.lexicon.AtUri;

/** What one batch did, published to the counters and the log only once its transaction commits. */
final class BatchOutcome implements ParkedListener {
    record Note(EventKey key, SkipReason reason, String detail) {
    }

    private int applied;
    private final List<Note> parked = new ArrayList<>();
    private final List<Note> skipped = new ArrayList<>();

    void countApplied() {
        applied++;
    }

    /** Applied, but a record it points to is not indexed yet; the id is filled in when it arrives. */
    @Override
    public void parked(AtUri record, String detail) {
        parked.add(new Note(EventKey.of(record), null, detail));
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
