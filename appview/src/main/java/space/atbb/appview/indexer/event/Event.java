package space.atbb.appview.indexer.event;

import com.fasterxml.jackson.databind.JsonNode;
import space.atbb.lexicon.AtUri;

/**
 * One Jetstream commit event, its envelope checked.
 *
 * @param uri    the record's address: the event's DID, collection and rkey
 * @param record the record of a create or update; null for a delete
 */
public record Event(long timeUs, AtUri uri, Operation operation, String cid, JsonNode record) {
    public enum Operation { CREATE, UPDATE, DELETE }

    public String did() {
        return uri.did();
    }

    public String collection() {
        return uri.collection();
    }

    public String rkey() {
        return uri.rkey();
    }

    public EventKey key() {
        return EventKey.of(uri);
    }

    public boolean isDelete() {
        return operation == Operation.DELETE;
    }
}
