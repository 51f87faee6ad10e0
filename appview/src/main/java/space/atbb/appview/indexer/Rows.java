package space.atbb.appview.indexer;

import java.sql.SQLException;

/** Writes several handlers share. */
final class Rows {
    private Rows() {
    }

    /** posts and memberships reference users.did: every author gets a row first, once per transaction. */
    static void ensureUser(SqlWriter w, String did) throws SQLException {
        if (w.firstInTransaction("user", did)) {
            w.batch("INSERT INTO users (did, indexed_at) VALUES (?, ?) ON CONFLICT (did) DO NOTHING", did, w.now());
        }
    }

    static void delete(SqlWriter w, String table, AtUri uri) throws SQLException {
        w.update("DELETE FROM " + table + " WHERE did = ? AND rkey = ?", uri.did(), uri.rkey());
    }

    /**
     * Before a record is deleted, rows pointing at it by id let go (keeping their URI), so the
     * foreign key holds and the id is filled in again if the record comes back.
     */
    static void detach(SqlWriter w, String table, String idColumn, String targetTable, AtUri target)
            throws SQLException {
        w.update("UPDATE " + table + " SET " + idColumn + " = NULL WHERE " + idColumn
                + " = (SELECT id FROM " + targetTable + " WHERE did = ? AND rkey = ?)", target.did(), target.rkey());
    }
}
