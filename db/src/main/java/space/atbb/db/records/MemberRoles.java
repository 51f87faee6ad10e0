package space.atbb.db.records;

import java.sql.SQLException;
import java.util.List;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * member_roles: the forum's grants. A member's membership of the forum shows, in role_uri, the
 * role of the newest grant still standing.
 */
final class MemberRoles extends Table<MemberRoleRow> {
    private static final String UPSERT = """
            INSERT INTO member_roles (did, rkey, cid, subject_did, role_uri, created_at, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, subject_did = excluded.subject_did,
                role_uri = excluded.role_uri, created_at = excluded.created_at, indexed_at = excluded.indexed_at""";
    private static final String SUBJECT = "SELECT subject_did FROM member_roles WHERE did = ? AND rkey = ?";
    private static final String DELETE = "DELETE FROM member_roles WHERE did = ? AND rkey = ?";
    /** Bound: the member's DID, the member's DID again, the forum's URI. */
    private static final String REFLECT = """
            UPDATE memberships SET role_uri =
                (SELECT role_uri FROM member_roles WHERE subject_did = ? ORDER BY created_at DESC, id DESC LIMIT 1)
            WHERE did = ? AND forum_uri = ?""";

    MemberRoles() {
        super(Nsid.MEMBER_ROLE, MemberRoleRow.class);
    }

    @Override
    void put(RecordWriter w, Statements s, MemberRoleRow grant) throws SQLException {
        AtUri uri = grant.uri();
        List<String> previous = s.query(SUBJECT, uri.did(), uri.rkey());
        s.update(UPSERT, uri.did(), uri.rkey(), grant.cid(), grant.subjectDid(), grant.role().toString(),
                grant.createdAt(), w.indexedAt());
        for (String old : previous) {
            reflect(s, uri, old); // the grant may have moved to another member
        }
        reflect(s, uri, grant.subjectDid());
    }

    @Override
    void delete(RecordWriter w, AtUri uri) throws SQLException {
        Statements s = w.statements();
        List<String> subjects = s.query(SUBJECT, uri.did(), uri.rkey());
        s.update(DELETE, uri.did(), uri.rkey());
        for (String subject : subjects) {
            reflect(s, uri, subject);
        }
    }

    /** A grant is the forum's own record: the forum is the one of the grant's DID. */
    private static void reflect(Statements s, AtUri grant, String member) throws SQLException {
        s.update(REFLECT, member, member, AtUri.forum(grant.did()).toString());
    }
}
