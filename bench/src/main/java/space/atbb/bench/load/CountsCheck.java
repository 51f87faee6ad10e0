package space.atbb.bench.load;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;

/**
 * Checks a seeded database against the indexer: every topic's and board's counts are read, counted
 * again by the indexer's own statements ({@link RecordWriter#recountAll}) in a transaction that is
 * rolled back, and compared; each topic's {@code last_activity_at} is compared with its newest post.
 */
final class CountsCheck {
    private static final String TOPICS = "SELECT id, reply_count, last_reply_at, last_reply_did FROM posts"
            + " WHERE root_uri IS NULL ORDER BY id";
    private static final String BOARDS = "SELECT id, topic_count, post_count, last_activity_at FROM boards ORDER BY id";
    private static final String ACTIVITY = "SELECT count(*) FROM posts t WHERE t.root_uri IS NULL AND t.last_activity_at <>"
            + " (SELECT CASE WHEN max(r.created_at) > t.created_at THEN max(r.created_at) ELSE t.created_at END"
            + " FROM posts r WHERE r.root_post_id = t.id)";

    private CountsCheck() {
    }

    static void run(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            List<String> stored = rows(c, TOPICS);
            stored.addAll(rows(c, BOARDS));
            try (RecordWriter writer = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
                writer.recountAll();
            }
            List<String> recounted = rows(c, TOPICS);
            recounted.addAll(rows(c, BOARDS));
            long wrongActivity = Long.parseLong(rows(c, ACTIVITY).get(0).replace("|", ""));
            c.rollback();
            for (int i = 0; i < stored.size(); i++) {
                if (!stored.get(i).equals(recounted.get(i))) {
                    throw new IllegalStateException("Seeded counts differ from the indexer's recount: stored "
                            + stored.get(i) + ", recounted " + recounted.get(i) + " (fix LoadSeeder)");
                }
            }
            if (wrongActivity > 0) {
                throw new IllegalStateException(wrongActivity + " topics have a last_activity_at other than their newest"
                        + " post's created_at (fix LoadSeeder)");
            }
            System.out.printf("Counts check: %,d topics and boards match the indexer's recount%n", stored.size());
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
