package space.atbb.appview.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import space.atbb.db.Database;
import space.atbb.db.Dialect;

/**
 * Triggers that make the database refuse writes: errors no validation can foresee. Trigger syntax
 * is the one thing here that differs per dialect, so it lives in this test helper alone.
 */
public final class RefusingTrigger {
    private static final String OUTAGE = "refuse_cursor";

    private RefusingTrigger() {
    }

    /** Refuses one post by its text, to test that it costs only its own event. */
    public static void install(Database db, String refusedText) {
        create(db, "refuse_post", "posts", "NEW.text = '" + refusedText.replace("'", "''") + "'");
    }

    /**
     * Refuses every write of an indexer cursor until {@link #endOutage}: each batch then fails as
     * a whole, as when the database is down.
     */
    public static void startOutage(Database db) {
        create(db, OUTAGE, "firehose_cursor", "true");
    }

    public static void endOutage(Database db) {
        execute(db, db.dialect() == Dialect.SQLITE ? new String[] {"DROP TRIGGER " + OUTAGE}
                : new String[] {"DROP TRIGGER " + OUTAGE + " ON firehose_cursor", "DROP FUNCTION " + OUTAGE + "()"});
    }

    private static void create(Database db, String name, String table, String condition) {
        if (db.dialect() == Dialect.SQLITE) {
            execute(db, "CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " WHEN " + condition
                    + " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
        } else {
            execute(db, "CREATE FUNCTION " + name + "() RETURNS trigger AS $$ BEGIN "
                            + "IF " + condition + " THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                            + "RETURN NEW; END $$ LANGUAGE plpgsql",
                    "CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW EXECUTE FUNCTION " + name + "()");
        }
    }

    private static void execute(Database db, String... statements) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
