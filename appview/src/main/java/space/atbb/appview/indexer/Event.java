package space.atbb.appview.indexer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Jetstream commit event, its envelope checked.
 *
 * @param record the record of a create or update; null for a delete
 */
record Event(long timeUs, String did, String collection, Operation operation, String rkey, String cid,
             JsonNode record) {
    enum Operation { CREATE, UPDATE, DELETE }

    EventKey key() {
        return new EventKey(did, collection, rkey);
    }

    AtUri uri() {
        return AtUri.of(did, collection, rkey);
    }

    boolean isDelete() {
        return operation == Operation.DELETE;
    }
}
