package space.atbb.db.records;

import java.sql.SQLException;
import java.util.List;
import space.atbb.lexicon.AtUri;

/** The statements of one collection's table: how a record of it is written, and how it is deleted. */
abstract class Table<R extends RecordRow> {
    private final String collection;
    private final Class<R> rowType;
    private final List<String> deletes;

    /** @param deletes what deleting a record runs, in order, each bound to the record's did and rkey */
    Table(String collection, Class<R> rowType, String... deletes) {
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

    void delete(RecordWriter w, AtUri uri) throws SQLException {
        for (String sql : deletes) {
            w.statements().update(sql, uri.did(), uri.rkey());
        }
    }
}
