package space.atbb.appview.indexer;

/** The NSIDs of the records the indexer reads (see docs/indexer.md). */
final class Nsid {
    static final String PREFIX = "space.atbb.";
    static final String FORUM = "space.atbb.forum.forum";
    static final String CATEGORY = "space.atbb.forum.category";
    static final String BOARD = "space.atbb.forum.board";
    static final String ROLE = "space.atbb.forum.role";
    static final String MEMBER_ROLE = "space.atbb.forum.memberRole";
    static final String MOD_ACTION = "space.atbb.modAction";
    static final String MEMBERSHIP = "space.atbb.membership";
    static final String POST = "space.atbb.post";

    /** The forum record's key: a forum DID holds exactly one forum. */
    static final String FORUM_RKEY = "self";

    private Nsid() {
    }
}
