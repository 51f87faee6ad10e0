package space.atbb.appview.forum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.db.Database;
import space.atbb.db.Dialect;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.TextMatch;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;

/**
 * Every list the read API pages is walked in its index's order, on a forum big enough that the
 * planner would otherwise sort: one board of thousands of topics, one thread of thousands of
 * replies, one member who wrote most of them. The statements are the ones the app runs
 * ({@link PostLists#sql}, {@link ForumQueries#CATEGORIES}, {@link ForumQueries#BOARDS}).
 */
class PostListPlansTest {
    private static final int TOPICS = 3000;
    private static final int REPLIES = 2000;
    private static final int MEMBERS = 20;
    private static final String PROLIFIC = "did:plc:member0";
    private static final PageRequest FIRST = new PageRequest(null, 25);
    private static final PageRequest LATER = new PageRequest(new PageCursor(ForumSeed.T0.plusSeconds(60_000), 1500), 25);

    @DatabaseTest
    void boardTopicsWalkTheBoardsTopicIndex(Database db) throws SQLException {
        Seeded forum = seed(db);
        for (PageRequest page : List.of(FIRST, LATER)) {
            assertWalksAnIndex(db, PostLists.BOARD_TOPICS, null, forum.bigBoard(), page);
        }
    }

    @DatabaseTest
    void threadRepliesWalkTheThreadIndex(Database db) throws SQLException {
        Seeded forum = seed(db);
        for (PageRequest page : List.of(FIRST, LATER)) {
            assertWalksAnIndex(db, PostLists.THREAD_REPLIES, null, forum.longThread(), page);
        }
    }

    @DatabaseTest
    void membersPostsWalkTheMemberIndex(Database db) throws SQLException {
        seed(db);
        for (PageRequest page : List.of(FIRST, LATER)) {
            assertWalksAnIndex(db, PostLists.MEMBER_POSTS, null, PROLIFIC, page);
        }
    }

    /**
     * A word every post holds, and one few do: either way the FTS5 table is the outer loop, yields
     * its rowids in the list's order (no sort) and, on a later page, from the cursor on.
     */
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void searchOnSqliteWalksTheTextIndexsRowIdsFromTheCursor(Database db) throws SQLException {
        seed(db);
        for (String words : List.of("text", "topic 17")) {
            TextMatch match = db.dialect().postTextMatch(SearchTerms.parse(words));
            for (PageRequest page : List.of(FIRST, LATER)) {
                assertThat(assertWalksAnIndex(db, PostLists.SEARCH, match, match.argument(), page))
                        .first(STRING).startsWith("SCAN posts_fts VIRTUAL TABLE INDEX ");
            }
        }
    }

    /**
     * A GIN index keeps no order: PostgreSQL either walks the primary key backwards and checks
     * the match on each row (a common word), or sorts the few rows its text index found (a rare
     * one). Never the posts around them; on a later page the cursor's bound is applied where the
     * rows are read, under any sort.
     */
    @DatabaseTest(kinds = DatabaseKind.POSTGRES)
    void searchOnPostgresSortsAtMostTheMatchesOfItsTextIndex(Database db) throws SQLException {
        seed(db);
        for (String words : List.of("text", "topic 17")) {
            TextMatch match = db.dialect().postTextMatch(SearchTerms.parse(words));
            for (PageRequest page : List.of(FIRST, LATER)) {
                String sql = PostLists.SEARCH.sql(match, page.continued());
                List<String> plan = plan(db, sql,
                        statement -> PostLists.SEARCH.bind(statement, db.dialect(), match.argument(), page));
                assertThat(plan).as("plan of %s", sql).noneMatch(PostListPlansTest::scansPosts)
                        .anyMatch(line -> line.contains("Index Scan Backward using posts_pkey")
                                || line.contains("Bitmap Index Scan on posts_search_idx"));
                if (page.continued()) {
                    assertThat(plan).as("plan of %s", sql)
                            .anyMatch(line -> line.matches("\\s*(Index Cond|Recheck Cond|Filter): .*\\bid < .*"));
                }
                if (plan.stream().anyMatch(PostListPlansTest::sorts)) {
                    assertThat(plan).as("a sort in %s", sql)
                            .anyMatch(line -> line.contains("Bitmap Index Scan on posts_search_idx"));
                }
            }
        }
    }

    /**
     * The home page reads the counts the boards' rows keep, no post. (On a handful of rows
     * PostgreSQL rightly sorts rather than read an index, so the order is checked on SQLite.)
     */
    @DatabaseTest
    void theHomePagesCategoriesAndBoardsReadNoPost(Database db) throws SQLException {
        seed(db);
        for (String sql : List.of(ForumQueries.CATEGORIES, ForumQueries.BOARDS)) {
            List<String> plan = plan(db, sql, statement -> { });
            assertThat(plan).as("plan of %s", sql).noneMatch(line -> line.contains("posts"));
            if (db.dialect() == Dialect.SQLITE) {
                assertThat(plan).as("plan of %s", sql).noneMatch(PostListPlansTest::sorts)
                        .anyMatch(line -> line.contains("USING INDEX") && line.contains("_order_idx"));
            }
        }
    }

    /** Checks the plan of {@code list}'s page and returns it. */
    private static List<String> assertWalksAnIndex(Database db, PostLists list, TextMatch search, Object filterValue,
                                                   PageRequest page) throws SQLException {
        String sql = list.sql(search, page.continued());
        List<String> plan = plan(db, sql, statement -> list.bind(statement, db.dialect(), filterValue, page));
        assertThat(plan).as("plan of %s", sql)
                .noneMatch(PostListPlansTest::sorts)
                .noneMatch(PostListPlansTest::scansPosts)
                .anyMatch(line -> line.contains("posts") && line.contains("INDEX")
                        || line.contains("Index") && line.contains("posts"));
        if (page.continued()) {
            // The page starts at the cursor in the index, not at the list's first row.
            assertThat(plan).as("plan of %s", sql).anyMatch(PostListPlansTest::seeksTheCursor);
        }
        return plan;
    }

    /**
     * A walk that starts at the cursor: SQLite's index search on a bound, FTS5's scan with a rowid
     * bound ({@code <} or {@code >} in the idxStr its xBestIndex reports after the colon, beside
     * {@code M} for the match), PostgreSQL's index condition.
     */
    private static boolean seeksTheCursor(String line) {
        return line.matches(".*INDEX \\w+ \\(.*[<>]\\?\\).*")
                || line.matches("SCAN posts_fts VIRTUAL TABLE INDEX \\d+:\\S*[<>]\\S*")
                || line.matches(".*Index Cond: .*[<>].*");
    }

    /** A sort of the rows read: SQLite's temporary B-tree, PostgreSQL's Sort node. */
    private static boolean sorts(String line) {
        return line.contains("USE TEMP B-TREE FOR ORDER BY") || line.matches("\\s*(->\\s*)?(Incremental )?Sort.*");
    }

    /** Every row of posts read: SQLite's SCAN without an index, PostgreSQL's Seq Scan. */
    private static boolean scansPosts(String line) {
        return line.matches("\\s*SCAN posts( AS \\w+)?\\s*") || line.contains("Seq Scan on posts");
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** The plan's lines: SQLite's {@code EXPLAIN QUERY PLAN} details, PostgreSQL's {@code EXPLAIN}. */
    private static List<String> plan(Database db, String sql, Binder binder) throws SQLException {
        boolean sqlite = db.dialect() == Dialect.SQLITE;
        List<String> lines = new ArrayList<>();
        try (Connection c = db.connection();
             PreparedStatement explain = c.prepareStatement((sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql)) {
            binder.bind(explain);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    lines.add(rs.getString(sqlite ? "detail" : "QUERY PLAN"));
                }
            }
        }
        return lines;
    }

    private record Seeded(long bigBoard, long longThread) {
    }

    /**
     * {@value #TOPICS} topics on one board and a tenth as many on another, {@value #REPLIES}
     * replies on the first topic, half of everything by {@link #PROLIFIC}; a few hidden. Written
     * in one batch, then the statistics brought up to date (PostgreSQL's ANALYZE, SQLite's).
     */
    private static Seeded seed(Database db) throws SQLException {
        ForumSeed seed = new ForumSeed(db);
        Category category = seed.category("C", 1);
        Board big = seed.board(category, "big", 1);
        Board small = seed.board(category, "small", 2);
        for (int m = 0; m < MEMBERS; m++) {
            seed.user("did:plc:member" + m, "member" + m + ".example");
        }
        long root = seed.topic(seed.user("did:plc:founder"), big, "the long thread", 0).getId();
        Dialect dialect = db.dialect();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO posts (did, rkey, cid, title, text,"
                    + " board_id, root_post_id, parent_post_id, root_uri, parent_uri, created_at, indexed_at,"
                    + " last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int n = 0;
                for (int t = 0; t < TOPICS + TOPICS / 10; t++, n++) {
                    Instant created = ForumSeed.T0.plusSeconds(60L * t);
                    post(insert, dialect, n, "topic " + t, t < TOPICS ? big.getId() : small.getId(), null, created,
                            t % 3 == 0 ? created.plusSeconds(86_400L * (t % 7)) : null);
                }
                String rootUri = "at://did:plc:founder/space.atbb.post/root";
                for (int r = 0; r < REPLIES; r++, n++) {
                    insert.setString(9, rootUri);
                    insert.setString(10, rootUri);
                    post(insert, dialect, n, null, big.getId(), root, ForumSeed.T0.plusSeconds(30L * r), null);
                }
                insert.executeBatch();
            }
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE posts SET banned_by_mod = TRUE WHERE id % 97 = 0");
                s.execute("ANALYZE");
            }
            c.commit();
        }
        return new Seeded(big.getId(), root);
    }

    private static void post(PreparedStatement insert, Dialect dialect, int n, String title, long board, Long root,
                             Instant created, Instant lastActivity) throws SQLException {
        insert.setString(1, n % 2 == 0 ? PROLIFIC : "did:plc:member" + (n % MEMBERS));
        insert.setString(2, "bulk" + n);
        insert.setString(3, "bafybulk" + n);
        insert.setString(4, title);
        insert.setString(5, "the text of post " + n);
        insert.setLong(6, board);
        if (root == null) {
            insert.setNull(7, Types.BIGINT);
            insert.setNull(8, Types.BIGINT);
            insert.setString(9, null);
            insert.setString(10, null);
        } else {
            insert.setLong(7, root);
            insert.setLong(8, root);
        }
        dialect.bindInstant(insert, 11, created);
        dialect.bindInstant(insert, 12, created);
        dialect.bindInstant(insert, 13, lastActivity);
        insert.addBatch();
    }
}
