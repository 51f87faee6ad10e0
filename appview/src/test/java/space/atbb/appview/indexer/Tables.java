package space.atbb.appview.indexer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import space.atbb.db.Database;
import space.atbb.db.schema.Membership;
import space.atbb.db.schema.Post;

/** Reads what the indexer wrote: counts and strings by plain SQL, timestamps and booleans by entity. */
public final class Tables {
    private Tables() {
    }

    public static long count(Database db, String table) {
        return Long.parseLong(strings(db, "SELECT count(*) FROM " + table).get(0));
    }

    public static List<String> strings(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Every row of the query, its columns joined by " | ". */
    public static List<String> rows(Database db, String sql) {
        try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                StringJoiner row = new StringJoiner(" | ");
                for (int i = 1; i <= columns; i++) {
                    row.add(rows.getString(i));
                }
                values.add(row.toString());
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public static Post post(Database db, String did, String rkey) {
        return db.inTransaction(s -> s.createQuery("from Post where did = :did and rkey = :rkey", Post.class)
                .setParameter("did", did).setParameter("rkey", rkey).getSingleResult());
    }

    public static Membership membership(Database db, String did) {
        return db.inTransaction(s -> s.createQuery("from Membership where did = :did", Membership.class)
                .setParameter("did", did).getSingleResult());
    }
}
