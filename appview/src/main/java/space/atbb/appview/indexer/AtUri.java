package space.atbb.appview.indexer;

/** An {@code at://DID/COLLECTION/RKEY} record address. */
record AtUri(String did, String collection, String rkey) {
    static AtUri of(String did, String collection, String rkey) {
        return new AtUri(did, collection, rkey);
    }

    /** @throws RejectedEvent when {@code uri} is not a record address in {@code collection} */
    static AtUri parse(String uri, String collection, String field) throws RejectedEvent {
        String[] parts = uri.startsWith("at://") ? uri.substring(5).split("/", -1) : new String[0];
        if (parts.length != 3 || !parts[0].startsWith("did:") || parts[2].isEmpty()) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, field + " is not an at://DID/COLLECTION/RKEY URI");
        }
        if (!parts[1].equals(collection)) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, field + " must point to a " + collection + " record");
        }
        return new AtUri(parts[0], parts[1], parts[2]);
    }

    /** A URI this indexer stored itself after {@link #parse}, so well formed. */
    static AtUri parseStored(String uri) {
        String[] parts = uri.substring("at://".length()).split("/", 3);
        return new AtUri(parts[0], parts[1], parts[2]);
    }

    @Override
    public String toString() {
        return "at://" + did + "/" + collection + "/" + rkey;
    }
}
