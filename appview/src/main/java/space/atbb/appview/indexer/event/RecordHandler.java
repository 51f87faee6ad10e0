package space.atbb.appview.indexer.event;

import space.atbb.lexicon.AtUri;

/**
 * Turns the events of one collection into writes. {@link #prepare} reads and checks everything
 * first and touches no database, so a bad event is refused before its batch writes anything. A
 * delete is the same for every collection: the record writer knows what deleting each one means.
 */
public abstract class RecordHandler {
    private final String collection;
    private final boolean forumOnly;

    /** @param forumOnly whether only the forum's own DID may write the collection (structure, roles, moderation) */
    protected RecordHandler(String collection, boolean forumOnly) {
        this.collection = collection;
        this.forumOnly = forumOnly;
    }

    public final String collection() {
        return collection;
    }

    /** @param forum the forum record this indexer serves */
    public final Change prepare(Event event, AtUri forum) throws RejectedEvent {
        if (forumOnly && !event.did().equals(forum.did())) {
            throw new RejectedEvent(SkipReason.UNTRUSTED, "only the forum's DID " + forum.did()
                    + " may write this collection");
        }
        checkKey(event.rkey());
        AtUri uri = event.uri();
        return event.isDelete() ? w -> w.delete(uri) : put(event, new RecordFields(event.record()), forum);
    }

    /** Refuses a record key the collection does not allow; any key by default. */
    protected void checkKey(String rkey) throws RejectedEvent {
    }

    /** The writes of a create or update whose record is {@code fields}, in {@code forum}. */
    protected abstract Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent;
}
