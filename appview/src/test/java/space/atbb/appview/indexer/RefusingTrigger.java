package space.atbb.appview.indexer;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import space.atbb.db.Database;
import space.atbb.db.Dialect;

/**
 * A trigger that makes the database refuse one post by its text: an error no validation can
 * foresee, to test that it costs only its own event. Trigger syntax is the one thing here that
 * differs per dialect, so it lives in this test helper alone.
 */
final class RefusingTrigger {
    private RefusingTrigger() {
    }

    static void install(Database db, String refusedText) {
        String quoted = "'" + refusedText.replace("'", "''") + "'";
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            if (db.dialect() == Dialect.SQLITE) {
                s.execute("CREATE TRIGGER refuse_post BEFORE INSERT ON posts WHEN NEW.text = " + quoted
                        + " BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END");
            } else {
                s.execute("CREATE FUNCTION refuse_post() RETURNS trigger AS $$ BEGIN "
                        + "IF NEW.text = " + quoted + " THEN RAISE EXCEPTION 'refused by test trigger'; END IF; "
                        + "RETURN NEW; END $$ LANGUAGE plpgsql");
                s.execute("CREATE TRIGGER refuse_post BEFORE INSERT ON posts FOR EACH ROW EXECUTE FUNCTION refuse_post()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
