package space.atbb.appview.leadership;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import space.atbb.appview.indexer.sources.JetstreamClient;
import space.atbb.db.records.RecordWriter;

/**
 * The {@code indexer} part of {@code /api/healthz/ready}: this process's role, the committed
 * Jetstream cursor (whoever leads, it is the database's) and how far it is behind now.
 *
 * <pre>
 * {"role": "standby", "cursor": 1764590000000000, "lagSeconds": 2}
 * </pre>
 */
public final class IndexerStatus {
    private IndexerStatus() {
    }

    /** Reads the cursor on {@code connection}; cursor and lag are null before a first batch. */
    public static Map<String, Object> read(Connection connection, IndexerRole role, Instant now) throws SQLException {
        OptionalLong cursor = RecordWriter.readCursor(connection, JetstreamClient.CURSOR_NAME);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("role", role.label());
        status.put("cursor", cursor.isPresent() ? cursor.getAsLong() : null);
        // A stream's clock may run ahead of this machine's: never a negative lag.
        status.put("lagSeconds", cursor.isPresent()
                ? Math.max(0, ChronoUnit.SECONDS.between(Instant.EPOCH.plus(cursor.getAsLong(), ChronoUnit.MICROS), now))
                : null);
        return status;
    }
}
