package space.atbb.db.records;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import space.atbb.db.Dialect;
import space.atbb.lexicon.AtUri;

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
 * {@link #flush()} before committing, or before releasing a savepoint: it also brings the topics'
 * and boards' counts up to date. Not thread-safe: one writer
 * per transaction attempt; after a rollback to a savepoint, {@link #discard()} its deferred work.
 */
public final class RecordWriter implements AutoCloseable {
    private static final List<Table<?>> TABLES = List.of(new Forums(), new Categories(), new Boards(), new Roles(),
            new MemberRoles(), new ModActions(), new Memberships(), new Posts());
    private static final Map<Class<?>, Table<?>> BY_ROW = TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(Table::rowType, table -> table));
    private static final Map<String, Table<?>> BY_COLLECTION = TABLES.stream()
            .collect(Collectors.toUnmodifiableMap(Table::collection, table -> table));

    private final Statements statements;
    private final Instant indexedAt;
    private final ParkedListener parked;
    private final Counts counts = new Counts();

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

    /**
     * Inserts or updates the record's row (by did and rkey) and what follows from it: a role's
     * role_permissions rows are replaced; a grant shows in its member's membership; a mod action
     * hides or shows the posts of its old and new subjects; rows that arrived before the record
     * get its id. Users, posts and memberships are deferred, with the author's users row.
     *
     * @throws IllegalArgumentException when the row's URI is not of its table's collection
     */
    public void put(RecordRow row) throws SQLException {
        Table<?> table = BY_ROW.get(row.getClass());
        if (!row.uri().collection().equals(table.collection())) {
            throw new IllegalArgumentException("A " + row.getClass().getSimpleName() + " holds a "
                    + table.collection() + " record, not " + row.uri());
        }
        table.write(this, row);
    }

    /**
     * The record's deletion as the data model keeps it: a post is marked deleted by its author
     * (its replies keep their thread); any other row goes, and rows pointing at it by id let go
     * (keeping the URI, so the id is filled in again if the record comes back).
     *
     * @throws IllegalArgumentException for a collection no table holds
     */
    public void delete(AtUri record) throws SQLException {
        Table<?> table = BY_COLLECTION.get(record.collection());
        if (table == null) {
            throw new IllegalArgumentException("No table holds " + record.collection() + " records (" + record
                    + "): the tables hold the collections of space.atbb.lexicon.Nsid.");
        }
        table.delete(this, record);
    }

    /** Stores {@code handle} (null: none known) as the handle of {@code did} in users. */
    public void putHandle(String did, String handle) throws SQLException {
        Users.handle(this, did, handle);
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

    /**
     * Runs the deferred statements and the checks that follow them, then counts again the topics and
     * boards that the writes since the last flush touched (see {@link Counts}).
     */
    public void flush() throws SQLException {
        statements.flush();
        counts.recount(statements);
    }

    /**
     * Counts every topic and board again from its rows: after rows were written around this writer
     * (a test's fixtures, a repair by hand). The indexer never needs it.
     */
    public void recountAll() throws SQLException {
        statements.flush();
        Counts.recountAll(statements);
    }

    /** Forgets deferred work and per-transaction state after a rollback to a savepoint. */
    public void discard() throws SQLException {
        statements.discard();
        counts.discard();
    }

    /** Closes the prepared statements; the connection stays the caller's. */
    @Override
    public void close() throws SQLException {
        statements.close();
    }

    Statements statements() {
        return statements;
    }

    Counts counts() {
        return counts;
    }

    void parked(AtUri record, String detail) {
        parked.parked(record, detail);
    }
}
