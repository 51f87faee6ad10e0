package space.atbb.db.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.OptionalLong;
import space.atbb.db.Dialect;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * The one write path for network records: every indexed table's SQL, in plain JDBC on the
 * caller's connection and inside the caller's transaction. An upsert is by (did, rkey), so writing
 * a record twice changes nothing.
 *
 * <pre>
 * try (Connection c = db.connection()) {
 *     c.setAutoCommit(false);
 *     try (RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
 *         w.put(new PostRow(uri, cid, null, "Hello", forum, board, null, null, createdAt));
 *         w.delete(AtUri.parse("at://did:plc:alice/space.atbb.post/old"));
 *         w.writeCursor("jetstream", timeUs);   // flushes first
 *     }
 *     c.commit();
 * }
 * </pre>
 *
 * The writes of users, posts and memberships are deferred into JDBC batches; every other write
 * and every read first runs what is deferred, so each statement sees the writes before it. Call
 * {@link #flush()} before committing, or before releasing a savepoint. Not thread-safe: one writer
 * per transaction attempt; after a rollback to a savepoint, {@link #discard()} its deferred work.
 */
public final class RecordWriter implements AutoCloseable {
    private final Statements statements;
    private final Instant indexedAt;
    private final ParkedListener parked;

    /**
     * @param indexedAt the indexed_at of every row written (a batch's rows share it, which lets
     *                  the posts find the batch's own rows waiting for a reference)
     * @param parked    told of each record written before a record it points to
     */
    public RecordWriter(Connection connection, Dialect dialect, Instant indexedAt, ParkedListener parked) {
        this.statements = new Statements(connection, dialect);
        this.indexedAt = indexedAt;
        this.parked = parked;
    }

    public void put(ForumRow forum) throws SQLException {
        Forums.put(this, forum);
    }

    public void put(CategoryRow category) throws SQLException {
        Categories.put(this, category);
    }

    public void put(BoardRow board) throws SQLException {
        Boards.put(this, board);
    }

    /** The role, and its role_permissions rows replaced by the row's permissions. */
    public void put(RoleRow role) throws SQLException {
        Roles.put(this, role);
    }

    /** The grant; its member's membership shows the newest standing grant. */
    public void put(MemberRoleRow grant) throws SQLException {
        MemberRoles.put(this, grant);
    }

    /** The action; the posts of its old and new subjects are hidden or shown again accordingly. */
    public void put(ModActionRow action) throws SQLException {
        ModActions.put(this, action);
    }

    /** Deferred, with the member's users row. */
    public void put(MembershipRow membership) throws SQLException {
        Memberships.put(this, membership);
    }

    /** Deferred, with the author's users row; replies waiting for this post are adopted. */
    public void put(PostRow post) throws SQLException {
        Posts.put(this, post);
    }

    /**
     * The record's deletion as the data model keeps it: a post is marked deleted by its author
     * (its replies keep their thread); any other row goes, and rows pointing at it by id let go
     * (keeping the URI, so the id is filled in again if the record comes back).
     *
     * @throws IllegalArgumentException for a collection no table holds
     */
    public void delete(AtUri record) throws SQLException {
        switch (record.collection()) {
            case Nsid.FORUM -> Forums.delete(this, record);
            case Nsid.CATEGORY -> Categories.delete(this, record);
            case Nsid.BOARD -> Boards.delete(this, record);
            case Nsid.ROLE -> Roles.delete(this, record);
            case Nsid.MEMBER_ROLE -> MemberRoles.delete(this, record);
            case Nsid.MOD_ACTION -> ModActions.delete(this, record);
            case Nsid.MEMBERSHIP -> Memberships.delete(this, record);
            case Nsid.POST -> Posts.delete(this, record);
            default -> throw new IllegalArgumentException("No table holds " + record.collection() + " records ("
                    + record + "): the tables hold the collections of space.atbb.lexicon.Nsid.");
        }
    }

    /** The last time_us applied from the stream {@code service}, in this transaction with the records. */
    public void writeCursor(String service, long cursor) throws SQLException {
        statements.update(Cursors.WRITE, service, cursor, indexedAt);
    }

    /** The cursor {@link #writeCursor} stored for {@code service}, read on {@code connection}. */
    public static OptionalLong readCursor(Connection connection, String service) throws SQLException {
        return Cursors.read(connection, service);
    }

    /** indexed_at of every row this writer writes. */
    public Instant indexedAt() {
        return indexedAt;
    }

    /** Runs the deferred statements, and the checks that follow them. */
    public void flush() throws SQLException {
        statements.flush();
    }

    /** Forgets deferred work and per-transaction state after a rollback to a savepoint. */
    public void discard() throws SQLException {
        statements.discard();
    }

    /** Closes the prepared statements; the connection stays the caller's. */
    @Override
    public void close() throws SQLException {
        statements.close();
    }

    Statements statements() {
        return statements;
    }

    void parked(AtUri record, String detail) {
        parked.parked(record, detail);
    }
}
