package space.atbb.db.records;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;

/** firehose_cursor: how far each stream was applied, written in the transaction of the records. */
final class Cursors {
    static final String WRITE = """
            INSERT INTO firehose_cursor (service, cursor, updated_at) VALUES (?, ?, ?)
            ON CONFLICT (service) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at""";
    private static final String READ = "SELECT cursor FROM firehose_cursor WHERE service = ?";

    private Cursors() {
    }

    static OptionalLong read(Connection connection, String service) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setString(1, service);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
