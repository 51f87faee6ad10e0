package space.atbb.appview.indexer;

/**
 * Turns the events of one collection into writes. {@link #prepare} reads and checks everything
 * first and touches no database, so a bad event is refused before its batch writes anything.
 */
interface RecordHandler {
    String collection();

    /** Whether only the forum's own DID may write this collection (structure, roles, moderation). */
    boolean forumOnly();

    Change prepare(Event event) throws RejectedEvent;
}
