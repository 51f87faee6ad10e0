package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import space.atbb.db.Dialect;

/** Writes rows with one prepared INSERT in JDBC batches; fast on SQLite inside a large transaction. */
final class InsertWriter implements RowWriter {
    private final Table table;
    private final Dialect dialect;
    private final PreparedStatement insert;

    InsertWriter(Connection connection, Table table, Dialect dialect) throws SQLException {
        this.table = table;
        this.dialect = dialect;
        this.insert = connection.prepareStatement("INSERT INTO " + table.quoted() + " (" + table.columnList()
                + ") VALUES (" + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")");
    }

    @Override
    public void write(List<Object[]> rows) throws SQLException {
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                table.columns().get(i).type().bind(dialect, insert, i + 1, row[i]);
            }
            insert.addBatch();
        }
        insert.executeBatch();
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }
}
