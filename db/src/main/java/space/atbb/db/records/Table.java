package space.atbb.db.records;

import java.sql.SQLException;
import java.util.List;
import space.atbb.lexicon.AtUri;

/** The statements of one collection's table: how a record of it is written, and how it is deleted. */
abstract class Table<R extends RecordRow> {
    private final String table;
    private final String collection;
    private final Class<R> rowType;
    private final List<String> deletes;

    /**
     * @param table   the SQL table, whose rows are keyed by (did, rkey)
     * @param deletes what deleting a record runs, in order, each bound to the record's did and rkey
     */
    Table(String table, String collection, Class<R> rowType, String... deletes) {
        this.table = table;
        this.collection = collection;
        this.rowType = rowType;
        this.deletes = List.of(deletes);
    }

    final String collection() {
        return collection;
    }

    final Class<R> rowType() {
        return rowType;
    }

    final void write(RecordWriter w, RecordRow row) throws SQLException {
        put(w, w.statements(), rowType.cast(row));
    }

    abstract void put(RecordWriter w, Statements s, R row) throws SQLException;

    /**
     * Removes every record of the deleted account {@code did}, one by one through {@link #delete},
     * so each deletion has its usual consequences (a grant's member recomputed, an action's posts shown).
     */
    void deleteAccount(RecordWriter w, String did) throws SQLException {
        for (String rkey : w.statements().query("SELECT rkey FROM " + table + " WHERE did = ? ORDER BY rkey", did)) {
            delete(w, AtUri.of(did, collection, rkey));
        }
    }

    void delete(RecordWriter w, AtUri uri) throws SQLException {
        for (String sql : deletes) {
            w.statements().update(sql, uri.did(), uri.rkey());
        }
    }
}
