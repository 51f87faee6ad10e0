package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;

/** forums, and the forum_id of the rows that belong to a forum. */
final class Forums {
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
    private static final String DETACH_CATEGORIES = """
            UPDATE categories SET forum_id = NULL
            WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)""";
    private static final String DETACH_MEMBERSHIPS = """
            UPDATE memberships SET forum_id = NULL
            WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)""";
    private static final String DETACH_MOD_ACTIONS = """
            UPDATE mod_actions SET forum_id = NULL
            WHERE forum_id = (SELECT id FROM forums WHERE did = ? AND rkey = ?)""";
    private static final String DELETE = "DELETE FROM forums WHERE did = ? AND rkey = ?";

    private Forums() {
    }

    static void put(RecordWriter w, ForumRow forum) throws SQLException {
        AtUri uri = forum.uri();
        Statements s = w.statements();
        s.update(UPSERT, uri.did(), uri.rkey(), forum.cid(), forum.name(), forum.description(), w.indexedAt());
        s.update(ATTACH_CATEGORIES, uri.did());
        s.update(ATTACH_MOD_ACTIONS, uri.did());
        s.update(ATTACH_MEMBERSHIPS, uri.did(), uri.toString());
    }

    static void delete(RecordWriter w, AtUri uri) throws SQLException {
        Statements s = w.statements();
        for (String detach : new String[] {DETACH_CATEGORIES, DETACH_MEMBERSHIPS, DETACH_MOD_ACTIONS}) {
            s.update(detach, uri.did(), uri.rkey());
        }
        s.update(DELETE, uri.did(), uri.rkey());
    }
}
