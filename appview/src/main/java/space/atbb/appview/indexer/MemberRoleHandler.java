package space.atbb.appview.indexer;

import java.sql.SQLException;

/**
 * {@code space.atbb.forum.memberRole}: the forum grants a member a role. The member's membership
 * shows the newest grant still standing in {@code role_uri}; a role named in the member's own
 * record is never read.
 */
final class MemberRoleHandler extends RecordHandler {
    /** The role of the newest standing grant to a member (bound once: the member's DID). */
    static final String GRANTED_ROLE =
            "(SELECT role_uri FROM member_roles WHERE subject_did = ? ORDER BY created_at DESC, id DESC LIMIT 1)";

    private static final String UPSERT = """
            INSERT INTO member_roles (did, rkey, cid, subject_did, role_uri, created_at, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, subject_did = excluded.subject_did,
                role_uri = excluded.role_uri, created_at = excluded.created_at, indexed_at = excluded.indexed_at""";
    private static final String SUBJECT = "SELECT subject_did FROM member_roles WHERE did = ? AND rkey = ?";
    private static final String REFLECT =
            "UPDATE memberships SET role_uri = " + GRANTED_ROLE + " WHERE did = ? AND forum_uri = ?";

    private final AtUri forum;

    MemberRoleHandler(AtUri forum) {
        super(Nsid.MEMBER_ROLE, true);
        this.forum = forum;
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                var subjects = w.query(SUBJECT, uri.did(), uri.rkey());
                Rows.delete(w, "member_roles", uri);
                for (String subject : subjects) {
                    reflect(w, subject);
                }
            };
        }
        RecordFields fields = new RecordFields(event.record());
        String subject = fields.did("subject");
        AtUri role = fields.strongRef("role", Nsid.ROLE);
        if (!role.did().equals(forum.did())) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "role must be one of the forum's own roles");
        }
        var createdAt = fields.datetime("createdAt");
        return w -> {
            var previous = w.query(SUBJECT, uri.did(), uri.rkey());
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), subject, role.toString(), createdAt, w.now());
            for (String old : previous) {
                reflect(w, old); // the grant may have moved to another member
            }
            reflect(w, subject);
        };
    }

    private void reflect(SqlWriter w, String member) throws SQLException {
        w.update(REFLECT, member, member, forum.toString());
    }
}
