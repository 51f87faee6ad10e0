package space.atbb.db.records;

import java.sql.SQLException;

/** users: posts and memberships reference users.did, so every author gets a row first. */
final class Users {
    private static final String INSERT = "INSERT INTO users (did, indexed_at) VALUES (?, ?) ON CONFLICT (did) DO NOTHING";

    private static final String HANDLE = "INSERT INTO users (did, handle, indexed_at) VALUES (?, ?, ?)"
            + " ON CONFLICT (did) DO UPDATE SET handle = excluded.handle, indexed_at = excluded.indexed_at";

    private Users() {
    }

    /** Deferred, once per DID and transaction. */
    static void ensure(RecordWriter w, String did) throws SQLException {
        if (w.statements().firstInTransaction("user", did)) {
            w.statements().batch(INSERT, did, w.indexedAt());
        }
    }

    /** The account's handle, as its DID document (or an identity event) names it; creates the row if needed. */
    static void handle(RecordWriter w, String did, String handle) throws SQLException {
        w.statements().update(HANDLE, did, handle, w.indexedAt());
    }
}
