package space.atbb.lexicon;

import java.util.Optional;

/**
 * The address of one record: {@code at://DID/COLLECTION/RKEY}.
 *
 * <pre>
 * AtUri post = AtUri.parse("at://did:plc:alice/space.atbb.post/3k2a");
 * post.did();            // "did:plc:alice"
 * AtUri.of(forumDid, Nsid.FORUM, Nsid.FORUM_RKEY).toString();   // "at://did:plc:.../space.atbb.forum.forum/self"
 * </pre>
 *
 * @param did        the repository's DID (the {@link Did} rule)
 * @param collection the record's NSID
 * @param rkey       the record key
 */
public record AtUri(String did, String collection, String rkey) {
    private static final String SCHEME = "at://";
    private static final String SHAPE = "A record address looks like at://did:plc:abc123/space.atbb.post/3k2a.";

    /** @throws IllegalArgumentException when a part is missing or holds a {@code /}, or the DID is not one */
    public AtUri {
        if (!Did.isValid(did)) {
            throw new IllegalArgumentException("The DID of a record address is not a DID: '" + did + "'. " + SHAPE);
        }
        if (!isSegment(collection) || !isSegment(rkey)) {
            throw new IllegalArgumentException("A record address needs a collection and a record key without '/',"
                    + " was '" + collection + "' and '" + rkey + "'. " + SHAPE);
        }
    }

    public static AtUri of(String did, String collection, String rkey) {
        return new AtUri(did, collection, rkey);
    }

    /** The address of the forum record of {@code forumDid}. */
    public static AtUri forum(String forumDid) {
        return new AtUri(forumDid, Nsid.FORUM, Nsid.FORUM_RKEY);
    }

    /** @throws IllegalArgumentException when {@code uri} is not {@code at://DID/COLLECTION/RKEY} */
    public static AtUri parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException("Not an AT URI: '" + uri + "'. " + SHAPE);
        }
        String[] parts = uri.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a record address: '" + uri + "' needs exactly"
                    + " DID/COLLECTION/RKEY after at://. " + SHAPE);
        }
        return new AtUri(parts[0], parts[1], parts[2]);
    }

    /** {@link #parse}, or empty when {@code uri} is not a record address. */
    public static Optional<AtUri> tryParse(String uri) {
        try {
            return Optional.of(parse(uri));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return SCHEME + did + "/" + collection + "/" + rkey;
    }

    private static boolean isSegment(String part) {
        return part != null && !part.isEmpty() && part.indexOf('/') < 0;
    }
}
