package space.atbb.lexicon;

/**
 * The collections (NSIDs) of atBB's records, as the record contract names them.
 *
 * <pre>
 * AtUri forum = AtUri.of(forumDid, Nsid.FORUM, Nsid.FORUM_RKEY);
 * boolean ours = collection.startsWith(Nsid.PREFIX);
 * </pre>
 */
public final class Nsid {
    /** Every atBB collection starts with it. */
    public static final String PREFIX = "space.atbb.";
    public static final String FORUM = "space.atbb.forum.forum";
    public static final String CATEGORY = "space.atbb.forum.category";
    public static final String BOARD = "space.atbb.forum.board";
    public static final String ROLE = "space.atbb.forum.role";
    public static final String MEMBER_ROLE = "space.atbb.forum.memberRole";
    public static final String MOD_ACTION = "space.atbb.modAction";
    public static final String MEMBERSHIP = "space.atbb.membership";
    public static final String POST = "space.atbb.post";

    /** The forum record's key: a forum DID holds exactly one forum. */
    public static final String FORUM_RKEY = "self";

    private Nsid() {
    }
}
