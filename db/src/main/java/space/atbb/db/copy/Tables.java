package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import space.atbb.db.copy.Table.Column;

/**
 * Reads the forum's tables from a database's own catalogue (JDBC metadata, so the same code on
 * both dialects) and puts them in an order where every table comes after the tables its foreign
 * keys point to. Reading the schema rather than keeping a list means a table added by a later
 * migration is copied without anyone remembering to add it here.
 */
final class Tables {
    /** Tables that are not forum data: Flyway's history, the copy's own state, SQLite's internals. */
    static boolean isForumTable(String name) {
        return !name.equals("flyway_schema_history") && !name.equals(CopyState.TABLE)
                && !name.equals(CopyState.DEFERRED) && !name.startsWith("sqlite_");
    }

    private Tables() {
    }

    /**
     * Every table's name, the copy's state and Flyway's history included; not SQLite's internals,
     * nor tables the database derives from others itself (a full-text index and its storage).
     */
    static List<String> names(Connection connection, CopyDialect dialect) throws SQLException {
        Set<String> derived = dialect.derivedTables(connection);
        List<String> names = new ArrayList<>();
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), "%",
                new String[] {"TABLE"})) {
            while (tables.next()) {
                String name = tables.getString("TABLE_NAME");
                if (!name.startsWith("sqlite_") && !derived.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    static boolean exists(Connection connection, String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, connection.getSchema(), table, null)) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equals(table)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The forum's tables, each after the tables it refers to. */
    static List<Table> inDependencyOrder(Connection connection, CopyDialect dialect) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String schema = connection.getSchema();
        Map<String, Table> tables = new TreeMap<>();
        Map<String, Set<String>> dependsOn = new TreeMap<>();
        for (String name : names(connection, dialect)) {
            if (!isForumTable(name)) {
                continue;
            }
            List<Column> columns = columns(meta, schema, name);
            List<Column> key = primaryKey(meta, schema, name, columns);
            Set<String> parents = new TreeSet<>();
            List<Column> selfReferences = new ArrayList<>();
            try (ResultSet fks = meta.getImportedKeys(null, schema, name)) {
                while (fks.next()) {
                    String parent = fks.getString("PKTABLE_NAME");
                    if (!parent.equals(name)) {
                        parents.add(parent);
                        continue;
                    }
                    Column column = column(columns, fks.getString("FKCOLUMN_NAME"), name);
                    if (key.size() != 1 || key.get(0).type() != ColumnType.INTEGER || !column.nullable()) {
                        throw new IllegalStateException("Table " + name + " refers to itself through "
                                + column.name() + ", which the copy can fill in afterwards only for a "
                                + "nullable column referring to a single integer key");
                    }
                    selfReferences.add(column);
                }
            }
            tables.put(name, new Table(name, columns, key, List.copyOf(selfReferences)));
            dependsOn.put(name, parents);
        }
        return sorted(tables, dependsOn);
    }

    /** Kahn's algorithm, alphabetical among the tables that are ready, so the order is stable. */
    private static List<Table> sorted(Map<String, Table> tables, Map<String, Set<String>> dependsOn) {
        List<Table> order = new ArrayList<>();
        Map<String, Set<String>> waiting = new LinkedHashMap<>();
        dependsOn.forEach((table, parents) -> waiting.put(table, new TreeSet<>(parents)));
        while (!waiting.isEmpty()) {
            String ready = waiting.entrySet().stream().filter(e -> e.getValue().isEmpty())
                    .map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new IllegalStateException("The foreign keys between tables "
                            + waiting.keySet() + " form a cycle: no order copies them"));
            waiting.remove(ready);
            waiting.values().forEach(parents -> parents.remove(ready));
            order.add(tables.get(ready));
        }
        return order;
    }

    private static List<Column> columns(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Map<Integer, Column> byPosition = new TreeMap<>();
        try (ResultSet columns = meta.getColumns(null, schema, table, "%")) {
            while (columns.next()) {
                if (!columns.getString("TABLE_NAME").equals(table)) {
                    continue; // the name is a LIKE pattern: '_' matches any character
                }
                String name = columns.getString("COLUMN_NAME");
                byPosition.put(columns.getInt("ORDINAL_POSITION"), new Column(name,
                        ColumnType.of(columns.getString("TYPE_NAME"), table + "." + name),
                        !"NO".equals(columns.getString("IS_NULLABLE"))));
            }
        }
        return List.copyOf(byPosition.values());
    }

    private static List<Column> primaryKey(DatabaseMetaData meta, String schema, String table,
                                           List<Column> columns) throws SQLException {
        Map<Integer, Column> bySequence = new TreeMap<>();
        try (ResultSet key = meta.getPrimaryKeys(null, schema, table)) {
            while (key.next()) {
                bySequence.put(key.getInt("KEY_SEQ"), column(columns, key.getString("COLUMN_NAME"), table));
            }
        }
        if (bySequence.isEmpty()) {
            throw new IllegalStateException("Table " + table + " has no primary key: the copy reads, "
                    + "resumes and compares rows in key order");
        }
        return List.copyOf(bySequence.values());
    }

    private static Column column(List<Column> columns, String name, String table) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Table " + table + " has no column " + name));
    }
}
