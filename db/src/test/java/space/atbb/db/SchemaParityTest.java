package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;

/** Both migration sets end at the same schema, and the one set of entities matches it. */
class SchemaParityTest {
    private static final Set<String> BOOKKEEPING = Set.of("flyway_schema_history", "sqlite_sequence");
    /**
     * SQLite's search index is an FTS5 table with its shadow tables; PostgreSQL's is a GIN index,
     * which is no table. Both are checked by the search tests, not here.
     */
    private static final String SQLITE_SEARCH_INDEX = "posts_fts";

    @DatabaseTest
    void hibernateValidatesTheMigratedSchema(Database db) {
        db.sessionFactory().getSchemaManager().validateMappedObjects();
    }

    @Test
    void bothDialectsHaveTheSameTablesColumnsKeysAndUniqueIndexes() throws SQLException {
        try (TestDatabase postgres = TestDatabase.create(DatabaseKind.POSTGRES, true);
             TestDatabase sqlite = TestDatabase.create(DatabaseKind.SQLITE_FILE, true)) {
            Map<String, List<String>> pg = describe(postgres.database(), "public");
            Map<String, List<String>> lite = describe(sqlite.database(), null);

            assertThat(pg.keySet()).contains("roles", "role_permissions", "posts", "users");
            assertThat(lite).isEqualTo(pg);
            assertThat(String.join("\n", pg.get("roles"))).doesNotContain("column permissions");
            assertThat(pg.get("role_permissions")).contains("fk role_id -> roles.id on delete cascade");
        }
    }

    /** Per table, a sorted description of its columns, primary key, foreign keys and unique indexes. */
    private static Map<String, List<String>> describe(Database db, String schema) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection c = db.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!BOOKKEEPING.contains(table) && !table.startsWith(SQLITE_SEARCH_INDEX)) {
                        tables.put(table, describeTable(meta, schema, table));
                    }
                }
            }
        }
        return tables;
    }

    private static List<String> describeTable(DatabaseMetaData meta, String schema, String table) throws SQLException {
        Set<String> facts = new TreeSet<>();
        try (ResultSet rs = meta.getColumns(null, schema, table, "%")) {
            while (rs.next()) {
                boolean nullable = rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable;
                facts.add("column " + rs.getString("COLUMN_NAME") + (nullable ? " null" : " not null"));
            }
        }
        Set<String> primaryKey = new TreeSet<>();
        try (ResultSet rs = meta.getPrimaryKeys(null, schema, table)) {
            while (rs.next()) {
                primaryKey.add(rs.getString("COLUMN_NAME"));
            }
        }
        facts.add("primary key " + primaryKey);
        try (ResultSet rs = meta.getImportedKeys(null, schema, table)) {
            while (rs.next()) {
                boolean cascade = rs.getInt("DELETE_RULE") == DatabaseMetaData.importedKeyCascade;
                facts.add("fk " + rs.getString("FKCOLUMN_NAME") + " -> " + rs.getString("PKTABLE_NAME") + "."
                        + rs.getString("PKCOLUMN_NAME") + (cascade ? " on delete cascade" : ""));
            }
        }
        Map<String, Set<String>> uniqueIndexes = new TreeMap<>();
        try (ResultSet rs = meta.getIndexInfo(null, schema, table, true, false)) {
            while (rs.next()) {
                // sqlite-jdbc lists every index whatever the unique flag asks: check each row.
                if (rs.getString("COLUMN_NAME") != null && !rs.getBoolean("NON_UNIQUE")) {
                    uniqueIndexes.computeIfAbsent(rs.getString("INDEX_NAME"), k -> new TreeSet<>())
                            .add(rs.getString("COLUMN_NAME"));
                }
            }
        }
        // The index behind the primary key is named differently by each engine: the key says it already.
        uniqueIndexes.values().stream().filter(columns -> !columns.equals(primaryKey))
                .forEach(columns -> facts.add("unique " + columns));
        return new ArrayList<>(facts);
    }
}
