package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.db.copy.Table.Column;

/**
 * What the copy and the check do differently per dialect, in one place: how a database names
 * itself, how a consistent read is begun, how keys sort byte-wise, how rows are written in bulk,
 * what follows a table, what a freshly migrated schema looks like and how the engine reports
 * damage. (The db package's {@link Dialect} cannot hold it: it would depend on this package.)
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

        /** Secondary indexes first, then foreign keys; primary keys stay (the copy resumes by them). */
        @Override
        List<CopyState.Deferred> deferrable(Connection connection) throws SQLException {
            List<CopyState.Deferred> deferred = new ArrayList<>();
            forEachRow(connection, "SELECT t.relname, c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                    + " WHERE t.relnamespace = current_schema()::regnamespace"
                    + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) ORDER BY 2",
                    row -> {
                        if (Tables.isForumTable(row.getString(1))) {
                            deferred.add(new CopyState.Deferred("DROP INDEX " + Table.quote(row.getString(2)),
                                    row.getString(3)));
                        }
                    });
            forEachRow(connection, "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
                    + " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 2",
                    row -> {
                        String table = Table.quote(row.getString(1));
                        String name = Table.quote(row.getString(2));
                        deferred.add(new CopyState.Deferred("ALTER TABLE " + table + " DROP CONSTRAINT " + name,
                                "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + row.getString(3)));
                    });
            return deferred;
        }

        @Override
        Set<String> derivedTables(Connection connection) {
            return Set.of(); // the search index is an index of posts, not a table
        }

        /** Migrates a scratch schema in the same database, reads it, and drops it again. */
        @Override
        Structure expectedStructure(Database db) throws SQLException {
            String scratch = "atbb_check_" + Long.toHexString(System.nanoTime());
            Flyway flyway = Flyway.configure().configuration(db.flyway().getConfiguration())
                    .schemas(scratch).defaultSchema(scratch).createSchemas(true).load();
            try {
                flyway.migrate();
                try (Connection connection = db.connection()) {
                    return Structure.read(connection, scratch);
                }
            } finally {
                try (Connection connection = db.connection(); Statement drop = connection.createStatement()) {
                    drop.execute("DROP SCHEMA IF EXISTS " + scratch + " CASCADE");
                }
            }
        }

        @Override
        List<String> engineProblems(Connection connection) throws SQLException {
            List<String> problems = new ArrayList<>();
            forEachRow(connection, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE c.relnamespace = current_schema()::regnamespace AND NOT i.indisvalid ORDER BY 1",
                    row -> problems.add("index " + row.getString(1) + " is invalid (an interrupted CREATE INDEX"
                            + " CONCURRENTLY or a failed REINDEX): REINDEX INDEX " + row.getString(1)));
            forEachRow(connection, "SELECT conname, conrelid::regclass::text FROM pg_constraint"
                    + " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated ORDER BY 1",
                    row -> problems.add("constraint " + row.getString(1) + " on " + row.getString(2)
                            + " is not validated: ALTER TABLE " + row.getString(2) + " VALIDATE CONSTRAINT "
                            + row.getString(1)));
            return problems;
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

        /** Virtual tables (posts_fts, kept by triggers on posts) and the shadow tables that store them. */
        @Override
        Set<String> derivedTables(Connection connection) throws SQLException {
            Set<String> virtual = new HashSet<>();
            forEachRow(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'",
                    row -> virtual.add(row.getString(1)));
            Set<String> derived = new HashSet<>(virtual);
            forEachRow(connection, "SELECT name FROM sqlite_master WHERE type = 'table'", row -> {
                String name = row.getString(1);
                if (virtual.stream().anyMatch(v -> name.startsWith(v + "_"))) {
                    derived.add(name);
                }
            });
            return derived;
        }

        /** Secondary indexes; SQLite cannot drop a foreign key, and checks them cheaply. */
        @Override
        List<CopyState.Deferred> deferrable(Connection connection) throws SQLException {
            List<CopyState.Deferred> deferred = new ArrayList<>();
            forEachRow(connection, "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                    + " ORDER BY name", row -> {
                        if (Tables.isForumTable(row.getString(1))) {
                            deferred.add(new CopyState.Deferred("DROP INDEX " + Table.quote(row.getString(2)),
                                    row.getString(3)));
                        }
                    });
            return deferred;
        }

        @Override
        Structure expectedStructure(Database db) throws SQLException {
            try (Database scratch = Databases.create("file::memory:")) {
                scratch.migrate();
                try (Connection connection = scratch.connection()) {
                    return Structure.read(connection, null);
                }
            }
        }

        @Override
        List<String> engineProblems(Connection connection) throws SQLException {
            List<String> problems = new ArrayList<>();
            // A badly damaged file fails the pragma itself: that is the finding, not an error of the check.
            try {
                forEachRow(connection, "PRAGMA integrity_check", row -> row.getString(1).lines()
                        .filter(line -> !line.equals("ok") && !line.startsWith("*** in database"))
                        .forEach(line -> problems.add("integrity_check: " + line)));
            } catch (SQLException e) {
                problems.add("integrity_check: " + e.getMessage());
            }
            try {
                forEachRow(connection, "PRAGMA foreign_key_check", row -> problems.add("foreign_key_check: row "
                        + row.getLong(2) + " of " + row.getString(1) + " refers to a missing row of " + row.getString(3)));
            } catch (SQLException e) {
                problems.add("foreign_key_check: " + e.getMessage());
            }
            return problems;
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

    /** Tables the database fills itself from others (a full-text index): neither copied nor compared. */
    abstract Set<String> derivedTables(Connection connection) throws SQLException;

    /** What a target can do without while rows are loaded, and build faster once at the end. */
    abstract List<CopyState.Deferred> deferrable(Connection connection) throws SQLException;

    /** The tables, columns, indexes and keys a database of this dialect has right after migrating. */
    abstract Structure expectedStructure(Database db) throws SQLException;

    /** What the engine itself reports as damaged or unfinished. */
    abstract List<String> engineProblems(Connection connection) throws SQLException;

    /** {@code ORDER BY} and keyset terms for a key column. */
    String keyTerm(Column column) {
        return column.quoted() + (column.type() == ColumnType.TEXT ? binaryCollation() : "");
    }

    interface RowAction {
        void accept(ResultSet row) throws SQLException;
    }

    static void forEachRow(Connection connection, String sql, RowAction action) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                action.accept(rows);
            }
        }
    }

    private static String single(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
