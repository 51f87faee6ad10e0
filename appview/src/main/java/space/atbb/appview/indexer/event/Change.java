package space.atbb.appview.indexer.event;

import java.sql.SQLException;
import space.atbb.db.records.RecordWriter;

/** The writes of one validated event, applied inside the batch's transaction. */
@FunctionalInterface
public interface Change {
    void apply(RecordWriter writer) throws SQLException;
}
