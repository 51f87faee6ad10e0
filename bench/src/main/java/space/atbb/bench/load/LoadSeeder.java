package space.atbb.bench.load;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.Dialect;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * Builds the load test's forum ({@link LoadForum}) into an empty database, migrated by the
 * project's own steps, and writes the manifest of pages to request.
 *
 * <p>Fast: rows go in by JDBC batches, 50,000 rows a transaction, with the posts table's secondary
 * indexes set aside and built once at the end from their own definitions (so the schema is the
 * migrated one); on PostgreSQL the foreign-key triggers are off for the session
 * ({@code session_replication_role = replica}), the rows being consistent by construction.
 * Every stored count is written as the indexer's {@code Counts} would leave it: per topic
 * {@code reply_count}, {@code last_reply_at}, {@code last_reply_did} over visible replies and
 * {@code last_activity_at} over all its posts; per board {@code topic_count}, {@code post_count} and
 * {@code last_activity_at}. SQLite's full-text table fills through its triggers, PostgreSQL's
 * index is built over the rows. {@code --check} recounts every topic and board with the indexer's
 * own statements afterwards and fails on a difference; {@code --check-only} checks a database seeded
 * before, and writes its manifest, without seeding.
 *
 * <pre>java -cp ... space.atbb.bench.load.LoadSeeder DATABASE_URL MANIFEST [DIVISOR] [--check | --check-only]</pre>
 */
public final class LoadSeeder {
    private static final int BATCH = 5_000;
    private static final int COMMIT_EVERY = 50_000;
    private static final String FORUM_URI = AtUri.of(LoadForum.FORUM_DID, Nsid.FORUM, Nsid.FORUM_RKEY).toString();

    private final Database db;
    private final Dialect dialect;
    private final LoadForum forum;
    private final Connection c;
    private final Instant indexedAt = Instant.parse("2026-06-01T00:00:00Z");
    private PreparedStatement posts;
    private int pending;
    private long rows;
    private final BoardTotals[] boards;

    /** What the indexer keeps per board, summed as its topics are written. */
    private static final class BoardTotals {
        long topics;
        long posts;
        Instant last;

        void add(long replies, Instant activity) {
            topics++;
            posts += 1 + replies;
            last = last == null || activity.isAfter(last) ? activity : last;
        }
    }

    private LoadSeeder(Database db, LoadForum forum, Connection c) {
        this.db = db;
        this.dialect = db.dialect();
        this.forum = forum;
        this.c = c;
        this.boards = new BoardTotals[(int) LoadForum.LONG_BOARD + 1];
        for (int i = 0; i < boards.length; i++) {
            boards[i] = new BoardTotals();
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LoadSeeder DATABASE_URL MANIFEST [DIVISOR] [--check | --check-only]");
            System.exit(2);
        }
        int divisor = args.length > 2 && !args[2].startsWith("--") ? Integer.parseInt(args[2]) : 1;
        boolean checkOnly = List.of(args).contains("--check-only");
        boolean check = checkOnly || List.of(args).contains("--check");
        LoadForum forum = LoadForum.of(divisor);
        try (Database db = Databases.create(args[0])) {
            db.upgradeSchema();
            if (checkOnly) {
                try (Connection c = db.connection()) {
                    if (postCount(c) != forum.posts()) {
                        throw new IllegalStateException(db.url() + " holds " + postCount(c) + " posts, not the "
                                + forum.posts() + " of " + forum + ": seed it again");
                    }
                }
                CountsCheck.run(db);
                forum.writeManifest(Path.of(args[1]));
                return;
            }
            long start = System.nanoTime();
            try (Connection c = db.connection()) {
                requireEmpty(c, db);
                new LoadSeeder(db, forum, c).seed();
            }
            System.out.printf(Locale.ROOT, "Seeded %,d posts (%s) into %s in %.1f s%n", forum.posts(), forum,
                    db.dialect(), (System.nanoTime() - start) / 1e9);
            if (check) {
                CountsCheck.run(db);
            }
        }
        forum.writeManifest(Path.of(args[1]));
    }

    private static void requireEmpty(Connection c, Database db) throws SQLException {
        long posts = postCount(c);
        if (posts > 0) {
            throw new IllegalStateException(db.url() + " already holds " + posts
                    + " posts; the seeder fills an empty database (drop it, or delete the SQLite file, first)");
        }
    }

    private static long postCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM posts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void seed() throws SQLException {
        long started = System.nanoTime();
        Instant t0 = LoadForum.T0;
        if (dialect == Dialect.POSTGRES) {
            exec("SET session_replication_role = replica");
        } else {
            exec("PRAGMA synchronous = OFF"); // outside a transaction; a crash while seeding means seeding again
        }
        c.setAutoCommit(false);
        structure(t0);
        List<String> indexes = setIndexesAside();
        posts = c.prepareStatement("""
                INSERT INTO posts (id, did, rkey, cid, title, text, forum_uri, board_uri, board_id, root_post_id,
                    parent_post_id, root_uri, parent_uri, created_at, indexed_at, banned_by_mod, deleted_by_user,
                    last_activity_at, reply_count, last_reply_at, last_reply_did, counts_stale)
                VALUES (?, ?, ?, 'bafyload', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?, ?, FALSE)""");
        for (int t = 0; t < forum.topics(); t++) {
            int topic = t;
            thread(1 + t % LoadForum.SMALL_BOARDS, forum.smallTopicId(t), t, forum.postsPerTopic() - 1,
                    p -> forum.smallPostTime(topic, p));
        }
        for (int t = 0; t < forum.bigBoardTopics(); t++) {
            int topic = t;
            thread(LoadForum.BIG_BOARD, forum.bigTopicId(t), t, 1, p -> forum.bigPostTime(topic, p));
        }
        thread(LoadForum.LONG_BOARD, forum.longTopicId(), 0, forum.longThreadReplies(), forum::longPostTime);
        flushPosts();
        posts.close();
        long built = System.nanoTime();
        System.out.printf(Locale.ROOT, "  %,d posts written in %.1f s%n", rows, (built - started) / 1e9);
        for (String index : indexes) {
            exec(index);
        }
        c.commit();
        System.out.printf(Locale.ROOT, "  indexes (and SQLite's full-text table) built in %.1f s%n", (System.nanoTime() - built) / 1e9);
        boardCounts();
        if (dialect == Dialect.POSTGRES) {
            exec("SET session_replication_role = DEFAULT");
            exec("SELECT setval(pg_get_serial_sequence('posts', 'id'), " + forum.posts() + ")");
            for (String table : List.of("forums", "categories", "boards", "memberships")) {
                exec("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM " + table + "))");
            }
        }
        c.commit();
        c.setAutoCommit(true);
        // Statistics as a database the indexer wrote has them: PostgreSQL's autovacuum gathers them
        // (and the visibility map) soon after such a load; on SQLite nothing in atBB runs ANALYZE,
        // and sqlite_stat1 would change the plans, so none are gathered.
        if (dialect == Dialect.POSTGRES) {
            long analyzed = System.nanoTime();
            exec("VACUUM ANALYZE");
            System.out.printf(Locale.ROOT, "  analyzed in %.1f s%n", (System.nanoTime() - analyzed) / 1e9);
        }
    }

    /** The forum, one category, the boards (counts filled in last), the members with handles and memberships. */
    private void structure(Instant t0) throws SQLException {
        exec("INSERT INTO forums (id, did, rkey, cid, name, description, indexed_at) VALUES (1, ?, 'self', 'bafyload',"
                + " 'Load test forum', 'Generated by LoadSeeder', ?)", LoadForum.FORUM_DID, indexedAt);
        exec("INSERT INTO categories (id, did, rkey, cid, name, sort_order, forum_id, created_at, indexed_at)"
                + " VALUES (1, ?, 'general', 'bafyload', 'General', 1, 1, ?, ?)", LoadForum.FORUM_DID, t0, indexedAt);
        String categoryUri = AtUri.of(LoadForum.FORUM_DID, Nsid.CATEGORY, "general").toString();
        for (long b = 1; b <= LoadForum.LONG_BOARD; b++) {
            String name = b == LoadForum.BIG_BOARD ? "Big board" : b == LoadForum.LONG_BOARD ? "Long thread" : "Board " + b;
            exec("INSERT INTO boards (id, did, rkey, cid, name, sort_order, category_id, category_uri, created_at,"
                    + " indexed_at) VALUES (?, ?, ?, 'bafyload', ?, ?, 1, ?, ?, ?)", b, LoadForum.FORUM_DID, boardRkey(b),
                    name, (int) b, categoryUri, t0, indexedAt);
        }
        try (PreparedStatement users = c.prepareStatement("INSERT INTO users (did, handle, indexed_at) VALUES (?, ?, ?)");
             PreparedStatement members = c.prepareStatement("INSERT INTO memberships (id, did, rkey, cid, forum_id,"
                     + " forum_uri, joined_at, created_at, indexed_at) VALUES (?, ?, 'self', 'bafyload', 1, ?, ?, ?, ?)")) {
            for (int u = 0; u < forum.users(); u++) {
                bind(users, LoadForum.did(u), LoadForum.handle(u), indexedAt);
                users.addBatch();
                bind(members, (long) u + 1, LoadForum.did(u), FORUM_URI, t0, t0, indexedAt);
                members.addBatch();
            }
            users.executeBatch();
            members.executeBatch();
        }
        c.commit();
    }

    private static String boardRkey(long board) {
        return "board" + board;
    }

    /** A topic and its {@code replies}, reply {@code p} having id {@code root + p}, with the counts the indexer keeps. */
    private void thread(long board, long root, int t, int replies, IntFunction<Instant> time) throws SQLException {
        String rootDid = LoadForum.did(t % forum.users());
        String rootUri = AtUri.of(rootDid, Nsid.POST, rkey(root)).toString();
        int visible = 0;
        Instant lastReply = null;
        String lastReplier = null;
        for (int p = 1; p <= replies; p++) {
            if (!LoadForum.deleted(p)) {
                visible++;
                lastReply = time.apply(p);
                lastReplier = LoadForum.did((root + p) % forum.users());
            }
        }
        Instant created = time.apply(0);
        Instant activity = replies == 0 ? created : time.apply(replies); // every post counts, hidden or not
        String boardUri = AtUri.of(LoadForum.FORUM_DID, Nsid.BOARD, boardRkey(board)).toString();
        post(root, rootDid, "Topic " + root + " on board " + board, boardUri, board, null, null, created, false,
                activity, visible, lastReply, lastReplier);
        for (int p = 1; p <= replies; p++) {
            long id = root + p;
            post(id, LoadForum.did(id % forum.users()), null, null, null, root, rootUri, time.apply(p),
                    LoadForum.deleted(p), null, 0, null, null);
        }
        boards[(int) board].add(visible, lastReply != null && lastReply.isAfter(created) ? lastReply : created);
    }

    private void post(long id, String did, String title, String boardUri, Long boardId, Long root, String rootUri,
                      Instant created, boolean deleted, Instant activity, int replyCount, Instant lastReply,
                      String lastReplier) throws SQLException {
        bind(posts, id, did, rkey(id), title, "Post " + id + " with some words to make a realistic row, tag"
                        + id % LoadForum.TAGS + ".", FORUM_URI, boardUri, boardId, root, root, rootUri, rootUri, created,
                indexedAt, deleted, activity, replyCount, lastReply, lastReplier);
        posts.addBatch();
        if (++pending == BATCH) {
            flushPosts();
        }
    }

    private void flushPosts() throws SQLException {
        posts.executeBatch();
        rows += pending;
        if (rows % COMMIT_EVERY < pending || pending < BATCH) {
            c.commit();
            if (rows % 250_000 < pending) {
                System.out.printf(Locale.ROOT, "  %,d posts%n", rows);
            }
        }
        pending = 0;
    }

    private void boardCounts() throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE boards SET topic_count = ?, post_count = ?, last_activity_at = ? WHERE id = ?")) {
            for (int b = 1; b < boards.length; b++) {
                bind(update, boards[b].topics, boards[b].posts, boards[b].last, (long) b);
                update.executeUpdate();
            }
        }
    }

    /**
     * The definitions of what the posts table keeps per row beyond its primary key, each dropped: to
     * be run again after the load. PostgreSQL: the secondary indexes (full-text one included).
     * SQLite: the secondary indexes and the full-text table's triggers, then the table rebuilt from
     * the rows, as the migration that made it does.
     */
    private List<String> setIndexesAside() throws SQLException {
        String query = dialect == Dialect.POSTGRES
                ? "SELECT 'INDEX ' || indexname, indexdef FROM pg_indexes WHERE tablename = 'posts'"
                        + " AND indexname <> 'posts_pkey'"
                : "SELECT upper(type) || ' ' || name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
                        + " AND tbl_name = 'posts' AND sql IS NOT NULL";
        List<String> drops = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                drops.add("DROP " + rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        for (String drop : drops) {
            exec(drop);
        }
        if (dialect == Dialect.SQLITE) {
            definitions.add("INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')");
        }
        c.commit();
        return definitions;
    }

    private static String rkey(long id) {
        return String.format(Locale.ROOT, "3load%08d", id);
    }

    private void exec(String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, values);
            s.execute();
        }
    }

    /** Instants as the dialect stores them; the rest as JDBC binds it. */
    private void bind(PreparedStatement s, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant instant) {
                dialect.bindInstant(s, i + 1, instant);
            } else if (v == null) {
                s.setObject(i + 1, null);
            } else {
                s.setObject(i + 1, v);
            }
        }
    }
}
