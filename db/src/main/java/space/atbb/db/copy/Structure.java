package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A schema's tables, columns, indexes and foreign keys as JDBC metadata reports them, to compare
 * a database with a freshly migrated one of the same dialect.
 */
record Structure(Map<String, Map<String, String>> columns, Map<String, String> indexes,
                 Map<String, TreeSet<String>> foreignKeys) {

    static Structure read(Connection connection, String schema) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Map<String, Map<String, String>> columns = new TreeMap<>();
        Map<String, String> indexes = new TreeMap<>();
        Map<String, TreeSet<String>> foreignKeys = new TreeMap<>();
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (Tables.isForumTable(name)) {
                    tables.add(name);
                }
            }
        }
        for (String table : tables) {
            Map<String, String> tableColumns = new TreeMap<>();
            try (ResultSet rows = meta.getColumns(null, schema, table, "%")) {
                while (rows.next()) {
                    if (rows.getString("TABLE_NAME").equals(table)) {
                        tableColumns.put(rows.getString("COLUMN_NAME"), rows.getString("TYPE_NAME")
                                + ("NO".equals(rows.getString("IS_NULLABLE")) ? " NOT NULL" : ""));
                    }
                }
            }
            columns.put(table, tableColumns);
            Map<String, List<String>> indexColumns = new TreeMap<>();
            Map<String, Boolean> unique = new TreeMap<>();
            try (ResultSet rows = meta.getIndexInfo(null, schema, table, false, false)) {
                while (rows.next()) {
                    String index = rows.getString("INDEX_NAME");
                    if (index == null || index.startsWith("sqlite_autoindex_")) {
                        continue; // statistics rows, and SQLite's implicit key indexes (named by position)
                    }
                    indexColumns.computeIfAbsent(index, k -> new ArrayList<>()).add(rows.getString("COLUMN_NAME"));
                    unique.put(index, !rows.getBoolean("NON_UNIQUE"));
                }
            }
            indexColumns.forEach((index, cols) -> indexes.put(index, (unique.get(index) ? "unique " : "")
                    + "on " + table + " " + cols));
            TreeSet<String> keys = new TreeSet<>();
            try (ResultSet rows = meta.getImportedKeys(null, schema, table)) {
                while (rows.next()) {
                    keys.add(rows.getString("FKCOLUMN_NAME") + " -> " + rows.getString("PKTABLE_NAME") + "."
                            + rows.getString("PKCOLUMN_NAME"));
                }
            }
            foreignKeys.put(table, keys);
        }
        return new Structure(columns, indexes, foreignKeys);
    }

    /** What differs from {@code expected}, one line each, e.g. "index posts_board_id_idx is missing". */
    List<String> differencesFrom(Structure expected) {
        List<String> problems = new ArrayList<>();
        for (String table : union(expected.columns.keySet(), columns.keySet())) {
            Map<String, String> want = expected.columns.get(table);
            Map<String, String> have = columns.get(table);
            if (have == null) {
                problems.add("table " + table + " is missing");
                continue;
            }
            if (want == null) {
                problems.add("table " + table + " is not in this build's schema");
                continue;
            }
            for (String column : union(want.keySet(), have.keySet())) {
                if (!Objects.equals(want.get(column), have.get(column))) {
                    problems.add("column " + table + "." + column + " is "
                            + (have.get(column) == null ? "missing" : have.get(column))
                            + ", expected " + (want.get(column) == null ? "no such column" : want.get(column)));
                }
            }
            if (!Objects.equals(expected.foreignKeys.get(table), foreignKeys.get(table))) {
                problems.add("foreign keys of " + table + " are " + foreignKeys.get(table) + ", expected "
                        + expected.foreignKeys.get(table));
            }
        }
        for (String index : union(expected.indexes.keySet(), indexes.keySet())) {
            String want = expected.indexes.get(index);
            String have = indexes.get(index);
            if (have == null) {
                problems.add("index " + index + " (" + want + ") is missing");
            } else if (want == null) {
                problems.add("index " + index + " (" + have + ") is not in this build's schema");
            } else if (!want.equals(have)) {
                problems.add("index " + index + " is " + have + ", expected " + want);
            }
        }
        return problems;
    }

    private static TreeSet<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
