package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import space.atbb.db.Dialect;
import space.atbb.db.copy.Table.Column;

/**
 * What the copy does differently per dialect, in one place: how a database names itself, how a
 * consistent read is begun, how keys sort byte-wise, how rows are written in bulk and what follows
 * a table. (The db package's {@link Dialect} cannot hold it: it would depend on this package.)
 */
enum CopyDialect {
    POSTGRES(20_000) {
        @Override
        String identity(Connection connection) throws SQLException {
            // The server's start time tells two servers on one port apart over time.
            return single(connection, "SELECT current_database() || ' on port ' || coalesce(inet_server_port(), 0)"
                    + " || ' (server started ' || pg_postmaster_start_time() || ')'");
        }

        @Override
        void beginSnapshot(Connection connection) throws SQLException {
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
        }

        @Override
        String binaryCollation() {
            return " COLLATE \"C\"";
        }

        @Override
        RowWriter writer(Connection connection, Table table) throws SQLException {
            return new PostgresCopyWriter(connection, table);
        }

        /** Identity sequences past the largest copied id, so the next insert gets a fresh one. */
        @Override
        void afterTable(Connection connection, Table table) throws SQLException {
            if (table.key().size() != 1 || table.key().get(0).type() != ColumnType.INTEGER) {
                return;
            }
            Column id = table.key().get(0);
            String sequence;
            try (PreparedStatement find = connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
                find.setString(1, table.quoted());
                find.setString(2, id.name());
                try (ResultSet row = find.executeQuery()) {
                    row.next();
                    sequence = row.getString(1);
                }
            }
            if (sequence == null) {
                return;
            }
            try (PreparedStatement set = connection.prepareStatement("SELECT setval(?, coalesce(max("
                    + id.quoted() + "), 1), max(" + id.quoted() + ") IS NOT NULL) FROM " + table.quoted())) {
                set.setString(1, sequence);
                set.execute();
            }
        }
    },
    SQLITE(50_000) {
        @Override
        String identity(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("PRAGMA database_list")) {
                while (rows.next()) {
                    if (rows.getString("name").equals("main")) {
                        String file = rows.getString("file");
                        return file == null || file.isEmpty() ? null : file;
                    }
                }
            }
            return null;
        }

        /** A deferred transaction: under WAL it reads one snapshot and lets writers of other files be. */
        @Override
        void beginSnapshot(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
        }

        @Override
        String binaryCollation() {
            return " COLLATE BINARY";
        }

        @Override
        RowWriter writer(Connection connection, Table table) throws SQLException {
            return new InsertWriter(connection, table, Dialect.SQLITE);
        }

        /** An AUTOINCREMENT table's counter follows explicit ids by itself. */
        @Override
        void afterTable(Connection connection, Table table) {
        }
    };

    private final int batchRows;

    CopyDialect(int batchRows) {
        this.batchRows = batchRows;
    }

    static CopyDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRES -> POSTGRES;
            case SQLITE -> SQLITE;
        };
    }

    /** Rows per committed batch on this dialect as a target: what an interruption can lose. */
    int batchRows() {
        return batchRows;
    }

    /** A name for the database that two handles on it share; null for an in-memory one. */
    abstract String identity(Connection connection) throws SQLException;

    /** Starts the one transaction every read of the source runs in, so it sees one state. */
    abstract void beginSnapshot(Connection connection) throws SQLException;

    /** The collation that sorts text by UTF-8 bytes, the same on both dialects. */
    abstract String binaryCollation();

    abstract RowWriter writer(Connection connection, Table table) throws SQLException;

    abstract void afterTable(Connection connection, Table table) throws SQLException;

    /** {@code ORDER BY} and keyset terms for a key column. */
    String keyTerm(Column column) {
        return column.quoted() + (column.type() == ColumnType.TEXT ? binaryCollation() : "");
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
