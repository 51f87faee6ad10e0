package space.atbb.appview.indexer;

import java.sql.SQLException;

/** The writes of one validated event, applied inside the batch's transaction. */
@FunctionalInterface
interface Change {
    void apply(SqlWriter writer) throws SQLException;
}
