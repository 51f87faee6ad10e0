package space.atbb.db.records;

import java.sql.SQLException;

/** users rows as the account lifecycle changes them: the handle, and whether the account is active. */
final class Accounts {
    private static final String SET_STATUS = """
            INSERT INTO users (did, account_status, indexed_at) VALUES (?, ?, ?)
            ON CONFLICT (did) DO UPDATE SET account_status = excluded.account_status, indexed_at = excluded.indexed_at""";
    private static final String SET_HANDLE = """
            INSERT INTO users (did, handle, indexed_at) VALUES (?, ?, ?)
            ON CONFLICT (did) DO UPDATE SET handle = excluded.handle, indexed_at = excluded.indexed_at""";

    private Accounts() {
    }

    static void status(RecordWriter w, String did, AccountStatus status) throws SQLException {
        w.statements().update(SET_STATUS, did, status.stored(), w.indexedAt());
        w.counts().member(did); // its posts count, or no longer
    }

    static void handle(RecordWriter w, String did, String handle) throws SQLException {
        w.statements().update(SET_HANDLE, did, handle, w.indexedAt());
    }
}
