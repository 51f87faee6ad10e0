package space.atbb.db.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;

class StatementsTest {
    private static final String USER = "INSERT INTO users (did, indexed_at) VALUES (?, ?)";
    private static final String MEMBERSHIP = "INSERT INTO memberships (did, rkey, cid, forum_uri, created_at, indexed_at)"
            + " VALUES (?, 'self', 'bafy', 'at://did:plc:forum/space.atbb.forum.forum/self', ?, ?)";

    /**
     * After a flush, a row for a known user may be deferred before a new user's row: the users
     * batch must still run first, or the new user's row breaks its foreign key.
     */
    @DatabaseTest
    void deferredStatementsRunInFirstUseOrderAfterAFlush(Database db) throws Exception {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statements s = new Statements(c, db.dialect())) {
                s.batch(USER, "did:plc:alice", now);
                s.batch(MEMBERSHIP, "did:plc:alice", now, now);
                s.flush();

                s.batch(MEMBERSHIP, "did:plc:bob", now, now); // deferred before the insert of its user
                s.batch(USER, "did:plc:bob", now);
                s.flush();
                assertThat(s.query("SELECT did FROM memberships ORDER BY did"))
                        .containsExactly("did:plc:alice", "did:plc:bob");
            }
            c.commit();
        }
    }

    /**
     * The counts read how many rows a deferred statement changed to skip a pass over stale rows;
     * a NULL may come first among a statement's parameters (sqlite-jdbc describes none before one is bound).
     */
    @DatabaseTest
    void rowsChangedByADeferredStatementAreCountedOnceAndNullsMayComeFirst(Database db) throws Exception {
        String handle = "UPDATE users SET handle = ? WHERE did = ?";
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statements s = new Statements(c, db.dialect())) {
                s.batch(USER, "did:plc:alice", now);
                s.batch(USER, "did:plc:bob", now);
                s.batch(handle, null, "did:plc:alice");
                s.batch(handle, "bob.example.com", "did:plc:bob");
                s.batch(handle, null, "did:plc:nobody");
                assertThat(s.rowsChanged(handle)).as("before the batch ran").isZero();
                s.flush();
                assertThat(s.rowsChanged(handle)).isEqualTo(2);
                assertThat(s.rowsChanged(handle)).as("read once").isZero();
                assertThat(s.rows("SELECT did, handle FROM users ORDER BY did"))
                        .containsExactly(new String[] {"did:plc:alice", null}, new String[] {"did:plc:bob", "bob.example.com"});
            }
            c.rollback();
        }
    }
}
