package space.atbb.appview.indexer;

/** Checks that a member's record is about the forum this indexer serves. */
final class Forums {
    private Forums() {
    }

    static void requireOurs(AtUri forumRef, AtUri forum) throws RejectedEvent {
        if (!forumRef.equals(forum)) {
            throw new RejectedEvent(SkipReason.OTHER_FORUM, "forum " + forumRef + " is not " + forum);
        }
    }
}
