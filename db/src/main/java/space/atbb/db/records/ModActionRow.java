package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/**
 * A {@code space.atbb.modAction} record of the forum of its DID: a {@link Action#BAN} of
 * {@code subjectDid} hides all of a member's posts, a {@link Action#HIDE} of {@code subjectPost} one post.
 */
public record ModActionRow(AtUri uri, String cid, Action action, String subjectDid, AtUri subjectPost,
                           String reason, Instant expiresAt, Instant createdAt) implements RecordRow {
    public enum Action {
        BAN("ban"), HIDE("hide");

        private final String stored;

        Action(String stored) {
            this.stored = stored;
        }

        /** The value of mod_actions.action. */
        public String stored() {
            return stored;
        }
    }

    /** @throws IllegalArgumentException when the subject does not fit the action */
    public ModActionRow {
        if ((action == Action.BAN) != (subjectDid != null) || (action == Action.HIDE) != (subjectPost != null)) {
            throw new IllegalArgumentException("Mod action " + uri + ": a ban names a member (subjectDid), a hide"
                    + " names a post (subjectPost), and neither names both; was " + subjectDid + " and " + subjectPost);
        }
    }
}
