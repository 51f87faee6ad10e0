package space.atbb.appview.indexer;

/**
 * Turns the events of one collection into writes. {@link #prepare} reads and checks everything
 * first and touches no database, so a bad event is refused before its batch writes anything.
 */
abstract class RecordHandler {
    private final String collection;
    private final boolean forumOnly;

    /** @param forumOnly whether only the forum's own DID may write the collection (structure, roles, moderation) */
    RecordHandler(String collection, boolean forumOnly) {
        this.collection = collection;
        this.forumOnly = forumOnly;
    }

    final String collection() {
        return collection;
    }

    final boolean forumOnly() {
        return forumOnly;
    }

    abstract Change prepare(Event event) throws RejectedEvent;
}
