package space.atbb.appview.indexer;

/**
 * {@code space.atbb.membership}: a member joins the forum. Anyone may write one; any role field in
 * it is ignored, the role comes from the forum's memberRole grants alone.
 */
final class MembershipHandler extends RecordHandler {
    private static final String UPSERT = """
            INSERT INTO memberships (did, rkey, cid, forum_uri, joined_at, created_at, indexed_at, forum_id, role_uri)
            VALUES (?, ?, ?, ?, ?, ?, ?, """ + ForumHandler.FORUM_ID + ", " + MemberRoleHandler.GRANTED_ROLE + """
            )
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, forum_uri = excluded.forum_uri,
                joined_at = excluded.joined_at, created_at = excluded.created_at,
                indexed_at = excluded.indexed_at, forum_id = excluded.forum_id, role_uri = excluded.role_uri""";

    private final AtUri forum;

    MembershipHandler(AtUri forum) {
        super(Nsid.MEMBERSHIP, false);
        this.forum = forum;
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> Rows.delete(w, "memberships", uri);
        }
        RecordFields fields = new RecordFields(event.record());
        Forums.requireOurs(fields.strongRef("forum", Nsid.FORUM), forum);
        var createdAt = fields.datetime("createdAt");
        return w -> {
            Rows.ensureUser(w, uri.did());
            w.batch(UPSERT, uri.did(), uri.rkey(), event.cid(), forum.toString(), createdAt, createdAt, w.now(),
                    forum.did(), uri.did());
        };
    }
}
