package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;
import space.atbb.db.Database;
import space.atbb.db.Dialect;
import space.atbb.db.copy.Table.Column;

/** One end of a copy or comparison: a database, the connection held for the whole job, and how to read it. */
final class Side implements AutoCloseable {
    private static final int FETCH_ROWS = 5_000;

    final Database database;
    final Dialect dialect;
    final CopyDialect sql;
    final Connection connection;

    private Side(Database database, Connection connection) {
        this.database = database;
        this.dialect = database.dialect();
        this.sql = CopyDialect.of(dialect);
        this.connection = connection;
    }

    /** Borrows the database's connection (SQLite has only one) in a transaction of its own. */
    static Side open(Database database, boolean snapshot) throws SQLException {
        Connection connection = database.connection();
        try {
            Side side = new Side(database, connection);
            if (snapshot) {
                side.sql.beginSnapshot(connection);
            } else {
                connection.setAutoCommit(false);
            }
            return side;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What two handles on one database share: a file path, or a PostgreSQL database on one server. */
    String identity() throws SQLException {
        String identity = sql.identity(connection);
        return identity != null ? dialect + " " + identity
                : dialect + " in memory #" + Integer.toHexString(System.identityHashCode(database));
    }

    long count(Table table) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + table.quoted());
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The largest key present, in the order rows are copied. */
    Optional<Object[]> lastKey(Table table) throws SQLException {
        String columns = table.key().stream().map(Column::quoted).collect(Collectors.joining(", "));
        String order = table.key().stream().map(c -> sql.keyTerm(c) + " DESC").collect(Collectors.joining(", "));
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + columns + " FROM " + table.quoted() + " ORDER BY " + order + " LIMIT 1");
             ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            Object[] key = new Object[table.key().size()];
            for (int i = 0; i < key.length; i++) {
                key[i] = table.key().get(i).type().read(dialect, row, i + 1);
            }
            return Optional.of(key);
        }
    }

    /** Every row after {@code afterKey} (all rows for null), in key order, streamed. */
    Rows rows(Table table, Object[] afterKey) throws SQLException {
        String order = table.key().stream().map(sql::keyTerm).collect(Collectors.joining(", "));
        String where = afterKey == null ? "" : " WHERE (" + order + ") > ("
                + table.key().stream().map(c -> "?" + (c.type() == ColumnType.TEXT ? sql.binaryCollation() : ""))
                .collect(Collectors.joining(", ")) + ")";
        PreparedStatement select = connection.prepareStatement("SELECT " + table.columnList() + " FROM "
                + table.quoted() + where + " ORDER BY " + order);
        try {
            select.setFetchSize(FETCH_ROWS);
            if (afterKey != null) {
                for (int i = 0; i < afterKey.length; i++) {
                    table.key().get(i).type().bind(dialect, select, i + 1, afterKey[i]);
                }
            }
            return new Rows(table, select, select.executeQuery());
        } catch (SQLException | RuntimeException e) {
            select.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback(); // writes were committed batch by batch; this ends the reads
        } finally {
            connection.close();
        }
    }

    /** A forward-only cursor over a table's rows, each as its columns' normalised values. */
    final class Rows implements AutoCloseable {
        private final Table table;
        private final PreparedStatement statement;
        private final ResultSet results;

        private Rows(Table table, PreparedStatement statement, ResultSet results) {
            this.table = table;
            this.statement = statement;
            this.results = results;
        }

        /** The next row, or null at the end. */
        Object[] next() throws SQLException {
            if (!results.next()) {
                return null;
            }
            Object[] row = new Object[table.columns().size()];
            for (int i = 0; i < row.length; i++) {
                row[i] = table.columns().get(i).type().read(dialect, results, i + 1);
            }
            return row;
        }

        @Override
        public void close() throws SQLException {
            try (statement) {
                results.close();
            }
        }
    }
}
