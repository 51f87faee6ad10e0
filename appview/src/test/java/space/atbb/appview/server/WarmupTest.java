package space.atbb.appview.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseTest;

/** Readiness waits for the warm-up, which reads every page and route and writes nothing. */
class WarmupTest {

    @DatabaseTest
    void readinessSaysStartingUntilTheWarmUpIsDoneAndTheWarmUpWritesNothing(Database db) {
        ForumSeed seed = new ForumSeed(db);
        seed.forum("Gardeners", "A forum");
        Board board = seed.board(seed.category("Plants", 1), "Roses", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        Post topic = seed.topic(alice, board, "Pruning", 0);
        seed.reply(alice, topic, "In March", 5);
        Map<String, List<String>> before = everyRow(db);

        try (RunningAppView app = RunningAppView.startCold(db, ForumSeed.FORUM_DID)) {
            Response starting = app.get("/api/healthz/ready");
            starting.assertProblem(503, "Starting");
            assertThat(starting.body().path("details").path("status").asText()).isEqualTo("starting");
            assertThat(app.get("/api/healthz").status()).isEqualTo(200); // live meanwhile

            app.warmUp();

            assertThat(app.get("/api/healthz/ready").status()).isEqualTo(200);
        }
        assertThat(everyRow(db)).isEqualTo(before);
    }

    @DatabaseTest
    void anEmptyDatabaseWarmsUpAndStaysEmpty(Database db) {
        Map<String, List<String>> before = everyRow(db);
        try (RunningAppView app = RunningAppView.startCold(db, null)) {
            app.warmUp();

            assertThat(app.get("/api/healthz/ready").status()).isEqualTo(200);
            assertThat(app.page("/").status()).isEqualTo(200);
        }
        assertThat(everyRow(db)).isEqualTo(before);
    }

    /** Each table of the schema, its rows in their text form, sorted. */
    private static Map<String, List<String>> everyRow(Database db) {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.connection();
             ResultSet names = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (names.next()) {
                tables.add(names.getString("TABLE_NAME"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(tables).contains("posts", "boards", "sessions");
        Map<String, List<String>> rows = new TreeMap<>();
        for (String table : tables) {
            List<String> sorted = new ArrayList<>(Tables.rows(db, "SELECT * FROM " + table));
            sorted.sort(null);
            rows.put(table, sorted);
        }
        return rows;
    }
}
