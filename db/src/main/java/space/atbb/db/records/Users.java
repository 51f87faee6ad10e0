package space.atbb.db.records;

import java.sql.SQLException;

/** users: posts and memberships reference users.did, so every author gets a row first. */
final class Users {
    private static final String INSERT = "INSERT INTO users (did, indexed_at) VALUES (?, ?) ON CONFLICT (did) DO NOTHING";

    private Users() {
    }

    /** Deferred, once per DID and transaction. */
    static void ensure(RecordWriter w, String did) throws SQLException {
        if (w.statements().firstInTransaction("user", did)) {
            w.statements().batch(INSERT, did, w.indexedAt());
        }
    }
}
