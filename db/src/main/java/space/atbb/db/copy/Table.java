package space.atbb.db.copy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One table as the copy sees it: its columns, its primary key (the order rows are read, written
 * and compared in), and the columns that refer to a row of the same table.
 *
 * @param selfReferences columns holding the key of another row of this table (a reply's root
 *                       post): a row may refer to one with a larger key, which is not yet copied
 *                       when the row is, so such values are filled in after the table
 */
record Table(String name, List<Column> columns, List<Column> key, List<Column> selfReferences) {
    record Column(String name, ColumnType type, boolean nullable) {
        String quoted() {
            return quote(name);
        }
    }

    String quoted() {
        return quote(name);
    }

    String columnList() {
        return columns.stream().map(Column::quoted).collect(Collectors.joining(", "));
    }

    int indexOf(Column column) {
        return columns.indexOf(column);
    }

    /** Compares two rows' keys, or two keys, in the databases' order. */
    int compareKeys(Object[] a, Object[] b) {
        for (int i = 0; i < key.size(); i++) {
            int c = key.get(i).type().compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The key values of a full row. */
    Object[] keyOf(Object[] row) {
        Object[] values = new Object[key.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row[indexOf(key.get(i))];
        }
        return values;
    }

    static String describeKey(Object[] key) {
        return key.length == 1 ? String.valueOf(key[0]) : "(" + java.util.Arrays.stream(key)
                .map(String::valueOf).collect(Collectors.joining(", ")) + ")";
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
