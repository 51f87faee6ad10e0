package space.atbb.db.copy;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Streams a batch into PostgreSQL with {@code COPY ... FROM STDIN} (text format): one round trip per batch. */
final class PostgresCopyWriter implements RowWriter {
    private static final int BUFFER = 1 << 16;

    private final PGConnection connection;
    private final Table table;
    private final String sql;

    PostgresCopyWriter(Connection connection, Table table) throws SQLException {
        this.connection = connection.unwrap(PGConnection.class);
        this.table = table;
        this.sql = "COPY " + table.quoted() + " (" + table.columnList() + ") FROM STDIN";
    }

    @Override
    public void write(List<Object[]> rows) throws SQLException {
        try (Writer out = new BufferedWriter(new OutputStreamWriter(
                new PGCopyOutputStream(connection, sql, BUFFER), StandardCharsets.UTF_8), BUFFER)) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i > 0) {
                        out.write('\t');
                    }
                    out.write(row[i] == null ? "\\N" : table.columns().get(i).type().copyText(row[i]));
                }
                out.write('\n');
            }
        } catch (IOException e) {
            throw e.getCause() instanceof SQLException sql ? sql
                    : new SQLException("COPY into " + table.name() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
    }
}
