package space.atbb.db.copy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;

/**
 * Compares the forum's tables of two databases of either dialect, row by row in key order.
 *
 * <pre>
 * for (TableComparison table : DatabaseComparison.compare(original, copy)) {
 *     System.out.println(table.describe());   // "posts: identical"
 * }
 * </pre>
 */
public final class DatabaseComparison {
    private DatabaseComparison() {
    }

    /**
     * Each database is read in one transaction, so each side is one consistent state.
     *
     * @throws DatabaseException when the two hold different sets of tables
     */
    public static List<TableComparison> compare(Database source, Database target) {
        try (Side from = Side.open(source, true); Side to = Side.open(target, true)) {
            List<Table> tables = Tables.inDependencyOrder(from.connection, from.sql);
            requireSameTables(tables, Tables.inDependencyOrder(to.connection, to.sql));
            List<TableComparison> result = new ArrayList<>();
            for (Table table : tables) {
                result.add(compare(table, from, to));
            }
            return result;
        } catch (SQLException e) {
            throw new DatabaseException("Comparing " + source.url() + " with " + target.url() + " failed: "
                    + e.getMessage(), e);
        }
    }

    static void requireSameTables(List<Table> source, List<Table> target) {
        Set<String> a = new TreeSet<>(source.stream().map(t -> t.name() + columns(t)).toList());
        Set<String> b = new TreeSet<>(target.stream().map(t -> t.name() + columns(t)).toList());
        if (!a.equals(b)) {
            Set<String> onlySource = new TreeSet<>(a);
            onlySource.removeAll(b);
            Set<String> onlyTarget = new TreeSet<>(b);
            onlyTarget.removeAll(a);
            throw new CopyRefusedException(CopyRefusedException.Reason.SCHEMA_MISMATCH,
                    "The two databases hold different tables or columns: only in the source " + onlySource
                            + ", only in the target " + onlyTarget);
        }
    }

    private static String columns(Table table) {
        return new TreeSet<>(table.columns().stream().map(c -> c.name() + " " + c.type()).toList()).toString();
    }

    /**
     * Compares with a source whose rows were already digested (while they were copied, from the
     * same snapshot): the target is read alone, and both are walked again only when they differ.
     */
    static TableComparison compare(Table table, Digest source, Side sourceSide, Side target) throws SQLException {
        Digest copied = new Digest(table);
        try (PrefetchedRows rows = new PrefetchedRows(target.rows(table, null), table.name())) {
            for (Object[] row = rows.next(); row != null; row = rows.next()) {
                copied.add(row);
            }
        }
        if (copied.rows == source.rows && copied.hex().equals(source.hex())) {
            return new TableComparison(table.name(), source.rows, copied.rows, source.hex(), copied.hex(), 0, null, null);
        }
        return compare(table, sourceSide, target);
    }

    /** Walks both tables in key order at once: one pass, any size, and the exact keys that differ. */
    static TableComparison compare(Table table, Side source, Side target) throws SQLException {
        Digest a = new Digest(table);
        Digest b = new Digest(table);
        long differing = 0;
        Object[] first = null;
        Object[] last = null;
        try (PrefetchedRows left = new PrefetchedRows(source.rows(table, null), table.name());
             Side.Rows right = target.rows(table, null)) {
            Object[] x = left.next();
            Object[] y = right.next();
            while (x != null || y != null) {
                int order = x == null ? 1 : y == null ? -1 : table.compareKeys(table.keyOf(x), table.keyOf(y));
                Object[] key = table.keyOf(order <= 0 ? x : y);
                boolean same = false;
                if (order <= 0) {
                    byte[] bytes = a.add(x);
                    x = left.next();
                    if (order == 0) {
                        same = Arrays.equals(bytes, b.add(y));
                        y = right.next();
                    }
                } else {
                    b.add(y);
                    y = right.next();
                }
                if (!same) {
                    differing++;
                    first = first == null ? key : first;
                    last = key;
                }
            }
        }
        return new TableComparison(table.name(), a.rows, b.rows, a.hex(), b.hex(), differing,
                first == null ? null : Table.describeKey(first), last == null ? null : Table.describeKey(last));
    }

    /** SHA-256 over a table's rows, each normalised to the same bytes on either dialect. */
    static final class Digest {
        private final Table table;
        private final MessageDigest sha256;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
        private final DataOutputStream out = new DataOutputStream(buffer);
        private long rows;

        Digest(Table table) {
            this.table = table;
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every Java runtime has SHA-256", e);
            }
        }

        long rows() {
            return rows;
        }

        byte[] add(Object[] row) {
            buffer.reset();
            try {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] == null) {
                        out.writeByte(0);
                    } else {
                        out.writeByte(1);
                        table.columns().get(i).type().digest(row[i], out);
                    }
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            byte[] bytes = buffer.toByteArray();
            sha256.update(bytes);
            rows++;
            return bytes;
        }

        private String hex;

        /** The checksum of the rows added; no row may be added after. */
        String hex() {
            if (hex == null) {
                hex = HexFormat.of().formatHex(sha256.digest());
            }
            return hex;
        }
    }
}
