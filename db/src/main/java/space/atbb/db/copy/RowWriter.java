package space.atbb.db.copy;

import java.sql.SQLException;
import java.util.List;

/** Writes a batch of rows of one table into the target, inside the caller's transaction. */
interface RowWriter extends AutoCloseable {
    void write(List<Object[]> rows) throws SQLException;

    @Override
    void close() throws SQLException;
}
