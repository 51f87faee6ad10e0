package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** memberships: the role shown is that of the newest standing grant, whatever the member's record says. */
final class Memberships extends Table<MembershipRow> {
    private static final String UPSERT = """
            INSERT INTO memberships (did, rkey, cid, forum_uri, joined_at, created_at, indexed_at, forum_id, role_uri)
            VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM forums WHERE did = ? AND rkey = 'self'),
                    (SELECT role_uri FROM member_roles WHERE subject_did = ? ORDER BY created_at DESC, id DESC LIMIT 1))
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, forum_uri = excluded.forum_uri,
                joined_at = excluded.joined_at, created_at = excluded.created_at,
                indexed_at = excluded.indexed_at, forum_id = excluded.forum_id, role_uri = excluded.role_uri""";
    private static final String DELETE = "DELETE FROM memberships WHERE did = ? AND rkey = ?";

    Memberships() {
        super(Nsid.MEMBERSHIP, MembershipRow.class, DELETE);
    }

    /** Deferred into a JDBC batch, with its user. */
    @Override
    void put(RecordWriter w, Statements s, MembershipRow membership) throws SQLException {
        AtUri uri = membership.uri();
        AtUri forum = membership.forum();
        Users.ensure(w, uri.did());
        s.batch(UPSERT, uri.did(), uri.rkey(), membership.cid(), forum.toString(),
                membership.createdAt(), membership.createdAt(), w.indexedAt(), forum.did(), uri.did());
    }

}
