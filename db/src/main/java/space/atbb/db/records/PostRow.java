package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/**
 * A {@code space.atbb.post} record: a topic (in {@code board}, no {@code root}) or a reply (with
 * {@code root} and {@code parent}).
 */
public record PostRow(AtUri uri, String cid, String title, String text, AtUri forum, AtUri board, AtUri root,
                      AtUri parent, Instant createdAt) implements RecordRow {
    /** @throws IllegalArgumentException when a reply lacks its root or parent, or a topic its board */
    public PostRow {
        if ((root == null) != (parent == null) || (root == null && board == null)) {
            throw new IllegalArgumentException("Post " + uri + " needs a board (a topic) or both root and parent"
                    + " (a reply); was board " + board + ", root " + root + ", parent " + parent);
        }
    }

    public boolean isTopic() {
        return root == null;
    }
}
