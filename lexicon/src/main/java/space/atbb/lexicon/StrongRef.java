package space.atbb.lexicon;

/**
 * A reference to one version of a record: {@code {"uri": "at://...", "cid": "bafy..."}}.
 *
 * <pre>
 * StrongRef board = StrongRef.of("at://did:plc:forum/space.atbb.forum.board/b1", "bafyrei...");
 * board.uri().collection();   // "space.atbb.forum.board"
 * </pre>
 */
public record StrongRef(AtUri uri, String cid) {
    /** @throws IllegalArgumentException when the uri is missing or the cid is empty */
    public StrongRef {
        if (uri == null) {
            throw new IllegalArgumentException("A strong reference needs a uri (at://DID/COLLECTION/RKEY).");
        }
        if (cid == null || cid.isEmpty()) {
            throw new IllegalArgumentException("The strong reference to " + uri + " needs a cid (the version's hash).");
        }
    }

    /** @throws IllegalArgumentException when {@code uri} is not a record address or {@code cid} is empty */
    public static StrongRef of(String uri, String cid) {
        return new StrongRef(AtUri.parse(uri), cid);
    }
}
