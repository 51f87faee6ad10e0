package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mark of an unfinished copy: a one-row table in the target naming the source. It is created
 * before the first row is copied and dropped only once every table is verified, so a database
 * that holds it is incomplete, whatever else it holds. Beside it, the indexes and foreign keys
 * set aside while rows are loaded (building them once at the end is several times faster than
 * keeping them up to date row by row), each restored and struck off in one transaction.
 */
final class CopyState {
    static final String TABLE = "atbb_copy_state";
    static final String DEFERRED = "atbb_copy_deferred";

    /** An index or foreign key dropped for the load: how to drop it, and how to put it back. */
    record Deferred(String drop, String restore) {
    }

    private CopyState() {
    }

    /** The source an unfinished copy into this database came from, if one is under way. */
    static Optional<String> source(Connection connection) throws SQLException {
        if (!Tables.exists(connection, TABLE)) {
            return Optional.empty();
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT source FROM " + TABLE)) {
            return Optional.of(row.next() ? row.getString(1) : "(unknown)");
        }
    }

    /** Marks the copy begun and sets {@code deferred} aside, in one transaction. */
    static void begin(Connection connection, String source, List<Deferred> deferred) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + TABLE + " (source TEXT NOT NULL, started_at BIGINT NOT NULL)");
            statement.execute("CREATE TABLE " + DEFERRED + " (position BIGINT NOT NULL PRIMARY KEY, restore TEXT NOT NULL)");
            for (Deferred item : deferred) {
                statement.execute(item.drop());
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (source, started_at) VALUES (?, ?)")) {
            insert.setString(1, source);
            insert.setLong(2, System.currentTimeMillis());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + DEFERRED + " (position, restore) VALUES (?, ?)")) {
            for (int i = 0; i < deferred.size(); i++) {
                insert.setLong(1, i);
                insert.setString(2, deferred.get(i).restore());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
    }

    /** Builds what was set aside, in order; each one with its strike-off, so a crash repeats none. */
    static void restoreDeferred(Connection connection) throws SQLException {
        Map<Long, String> pending = new TreeMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT position, restore FROM " + DEFERRED)) {
            while (rows.next()) {
                pending.put(rows.getLong(1), rows.getString(2));
            }
        }
        for (Map.Entry<Long, String> item : pending.entrySet()) {
            try (Statement statement = connection.createStatement();
                 PreparedStatement done = connection.prepareStatement("DELETE FROM " + DEFERRED + " WHERE position = ?")) {
                statement.execute(item.getValue());
                done.setLong(1, item.getKey());
                done.executeUpdate();
            }
            connection.commit();
        }
    }

    static void complete(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + DEFERRED);
            statement.execute("DROP TABLE " + TABLE);
        }
        connection.commit();
    }
}
