package space.atbb.appview.indexer.event;

/** Why the indexer did not apply an event. Each is counted; the {@link #logged} ones also get one log line. */
public enum SkipReason {
    /** The line is not a JSON object. */
    BAD_JSON(true),
    /** A required field is missing, or a field has the wrong type or shape. */
    INVALID_FIELD(true),
    /** A {@code space.atbb.*} collection this indexer does not know. */
    UNKNOWN_COLLECTION(true),
    /** A string longer than the lexicon allows (post text, forum name). */
    TEXT_TOO_LONG(true),
    /** A NUL character, which PostgreSQL text cannot store. */
    NUL_CHARACTER(true),
    /** Structure, roles, grants or moderation written by a DID other than the forum's. */
    UNTRUSTED(true),
    /** A membership or post that belongs to another forum. */
    OTHER_FORUM(true),
    /** The database refused the event even on its own (the rest of its batch was kept). */
    DATABASE_ERROR(true),
    /** An {@code identity} or {@code account} event, or a collection outside {@code space.atbb.*}. */
    IGNORED(false),
    /** At or before the stored cursor: applied by an earlier run. */
    ALREADY_APPLIED(false);

    private final boolean logged;

    SkipReason(boolean logged) {
        this.logged = logged;
    }

    public boolean logged() {
        return logged;
    }
}
