package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The mark of an unfinished copy: a one-row table in the target naming the source. It is created
 * before the first row is copied and dropped only once every table is verified, so a database
 * that holds it is incomplete, whatever else it holds.
 */
final class CopyState {
    static final String TABLE = "atbb_copy_state";

    private CopyState() {
    }

    /** The source an unfinished copy into this database came from, if one is under way. */
    static Optional<String> source(Connection connection) throws SQLException {
        if (!Tables.names(connection).contains(TABLE)) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT source FROM " + TABLE)) {
            return Optional.of(row.next() ? row.getString(1) : "(unknown)");
        }
    }

    static void begin(Connection connection, String source) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " (source TEXT NOT NULL, started_at BIGINT NOT NULL)");
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (source, started_at) VALUES (?, ?)")) {
            insert.setString(1, source);
            insert.setLong(2, System.currentTimeMillis());
            insert.executeUpdate();
        }
        connection.commit();
    }

    static void complete(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + TABLE);
        }
        connection.commit();
    }
}
