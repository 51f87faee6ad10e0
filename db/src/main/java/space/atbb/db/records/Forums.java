package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** forums, and the forum_id of the rows that belong to a forum. */
final class Forums extends Table<ForumRow> {
    private static final String UPSERT = """
            INSERT INTO forums (did, rkey, cid, name, description, indexed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, indexed_at = excluded.indexed_at""";
    /** Rows that arrived before the forum record get its id (bound: the forum's DID). */
    private static final String ATTACH_CATEGORIES = """
            UPDATE categories SET forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = 'self')
            WHERE forum_id IS NULL""";
    private static final String ATTACH_MOD_ACTIONS = """
            UPDATE mod_actions SET forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = 'self')
            WHERE forum_id IS NULL""";
    private static final String ATTACH_MEMBERSHIPS = """
            UPDATE memberships SET forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = 'self')
            WHERE forum_id IS NULL AND forum_uri = ?""";
    /** Before the forum goes, rows pointing at it let go (keeping their URI), so it can come back. */
    private static final String DETACH_CATEGORIES =
            "UPDATE categories SET forum_id = NULL WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)";
    private static final String DETACH_MEMBERSHIPS =
            "UPDATE memberships SET forum_id = NULL WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)";
    private static final String DETACH_MOD_ACTIONS =
            "UPDATE mod_actions SET forum_id = NULL WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)";
    private static final String DELETE = "DELETE FROM forums WHERE did = ? AND rkey = ?";

    Forums() {
        super(Nsid.FORUM, ForumRow.class, DETACH_CATEGORIES, DETACH_MEMBERSHIPS, DETACH_MOD_ACTIONS, DELETE);
    }

    @Override
    void put(RecordWriter w, Statements s, ForumRow forum) throws SQLException {
        AtUri uri = forum.uri();
        s.update(UPSERT, uri.did(), uri.rkey(), forum.cid(), forum.name(), forum.description(), w.indexedAt());
        s.update(ATTACH_CATEGORIES, uri.did());
        s.update(ATTACH_MOD_ACTIONS, uri.did());
        s.update(ATTACH_MEMBERSHIPS, uri.did(), uri.toString());
    }

}
