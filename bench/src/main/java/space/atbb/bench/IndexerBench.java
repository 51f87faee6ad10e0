package space.atbb.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.testing.TestPostgres;

/**
 * The firehose indexer replaying a generated JSONL file (forum structure, memberships, then topics
 * and replies: one topic in five) into a fresh SQLite file and a fresh PostgreSQL database.
 *
 * <p>Baseline in the same run, the physical limit of the schema: the final rows the indexer left
 * (every column of every table it wrote, ids, counts and cursor included), read back into memory,
 * then inserted into another fresh database of the same kind with one
 * plain prepared INSERT per table: no parsing, no upsert, no lookups, no recount. Its row counts
 * are checked against the indexer's. The heap must hold those rows (about 1 GB for 200,000 events).
 *
 * <pre>BENCH_JAVA_OPTS=-Xmx1g scripts/bench indexer [EVENTS (default 200000)] [sqlite|postgres (default both)]</pre>
 */
public final class IndexerBench {
    private static final String FORUM = "did:plc:bench-forum";
    private static final String FORUM_REF = "{\"uri\":\"at://" + FORUM + "/space.atbb.forum.forum/self\",\"cid\":\"bafyf\"}";
    private static final int BOARDS = 10;
    /** What the replay writes, parents first; the baseline inserts them in this order. */
    private static final List<String> TABLES = List.of("forums", "categories", "boards", "users", "memberships",
            "posts", "firehose_cursor");
    private static final int BASELINE_BATCH = 1_000;
    private static final int BASELINE_COMMIT_EVERY = 50_000;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("atbb-bench-indexer-");
        Path file = dir.resolve("events.jsonl");
        generate(file, events);
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB; %,d events (%,d MB file)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, events, Files.size(file) >> 20);
        String only = args.length > 1 ? args[1] : "";
        if (!only.equals("postgres")) {
            measure("SQLite", "file:" + dir.resolve("indexer.db"), "file:" + dir.resolve("baseline.db"), file, events);
        }
        if (!only.equals("sqlite")) {
            measure("PostgreSQL", TestPostgres.get().createDatabase(true), TestPostgres.get().createDatabase(true), file, events);
        }
    }

    private static void measure(String name, String indexerUrl, String baselineUrl, Path file, int events)
            throws Exception {
        double indexed;
        double indexerCpu;
        double baselineCpu;
        IndexerCounters counters;
        List<TableRows> rows;
        Map<String, Long> expected;
        try (Database db = Databases.create(indexerUrl)) {
            db.migrate();
            CpuClock cpu = CpuClock.start(db);
            long start = System.nanoTime();
            counters = new Indexer(db, FORUM).replay(new JsonlEventSource(file));
            indexed = events / ((System.nanoTime() - start) / 1e9);
            indexerCpu = cpu.seconds();
            rows = finalRows(db);
            expected = counts(db);
        }
        if (counters.applied() != events) {
            throw new IllegalStateException("The indexer applied " + counters + " of " + events + " events");
        }
        double seconds;
        long written;
        try (Database db = Databases.create(baselineUrl)) {
            db.migrate();
            System.gc();
            CpuClock cpu = CpuClock.start(db);
            long start = System.nanoTime();
            written = plainInsert(db, rows);
            seconds = (System.nanoTime() - start) / 1e9;
            baselineCpu = cpu.seconds();
            if (!counts(db).equals(expected)) {
                throw new IllegalStateException("The baseline wrote " + counts(db) + ", the indexer " + expected);
            }
        }
        double baseline = events / seconds;
        System.out.printf(Locale.ROOT, "%-10s baseline (plain insert of the final rows): %,9.0f rows/s, %,9.0f events/s,"
                + " %6.1f µs CPU/event (%,d rows: %s)%n", name, written / seconds, baseline, baselineCpu * 1e6 / events,
                written, expected);
        System.out.printf(Locale.ROOT, "%-10s indexer:                                              %,9.0f events/s,"
                + " %6.1f µs CPU/event; %.2f× the baseline's time, %.2f× its CPU%n",
                name, indexed, indexerCpu * 1e6 / events, baseline / indexed, indexerCpu / baselineCpu);
    }

    /** Streams {@code count} events to {@code file}; the first 14 are the forum's structure. */
    private static void generate(Path file, int count) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        int members = Math.max(1, count / 100);
        long time = 1_800_000_000_000_000L;
        Instant created = Instant.parse("2026-01-01T00:00:00Z");
        int[] topicAuthors = new int[count];
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            int written = 0;
            int topics = 0;
            int replies = 0;
            int joined = 0;
            while (written < count) {
                time += 1000;
                created = created.plusMillis(1000);
                String record;
                String did = FORUM;
                String collection;
                String rkey;
                if (written == 0) {
                    collection = "space.atbb.forum.forum";
                    rkey = "self";
                    record = "{\"name\":\"Bench forum\",\"createdAt\":\"" + created + "\"}";
                } else if (written < 4) {
                    collection = "space.atbb.forum.category";
                    rkey = "c" + written;
                    record = "{\"name\":\"Category " + written + "\",\"sortOrder\":" + written + ",\"createdAt\":\"" + created + "\"}";
                } else if (written < 4 + BOARDS) {
                    collection = "space.atbb.forum.board";
                    rkey = "b" + (written - 4);
                    record = "{\"name\":\"Board " + rkey + "\",\"category\":{\"uri\":\"at://" + FORUM
                            + "/space.atbb.forum.category/c" + (1 + written % 3) + "\",\"cid\":\"bafyc\"},\"createdAt\":\"" + created + "\"}";
                } else if (joined < members && (joined == 0 || random.nextInt(20) == 0)) {
                    did = member(joined++);
                    collection = "space.atbb.membership";
                    rkey = "self";
                    record = "{\"forum\":" + FORUM_REF + ",\"createdAt\":\"" + created + "\"}";
                } else {
                    int author = random.nextInt(joined);
                    did = member(author);
                    collection = "space.atbb.post";
                    if (topics == 0 || random.nextInt(5) == 0) {
                        topicAuthors[topics] = author;
                        rkey = "t" + topics++;
                        record = "{\"title\":\"Topic " + rkey + "\",\"text\":\"" + text(random) + "\",\"forum\":" + FORUM_REF
                                + ",\"board\":{\"uri\":\"at://" + FORUM + "/space.atbb.forum.board/b" + random.nextInt(BOARDS)
                                + "\",\"cid\":\"bafyb\"},\"createdAt\":\"" + created + "\"}";
                    } else {
                        int topic = Math.max(0, topics - 1 - random.nextInt(Math.min(topics, 1000)));
                        String root = "{\"uri\":\"at://" + member(topicAuthors[topic]) + "/space.atbb.post/t" + topic + "\",\"cid\":\"bafyt\"}";
                        rkey = "r" + replies++;
                        record = "{\"text\":\"" + text(random) + "\",\"forum\":" + FORUM_REF + ",\"reply\":{\"root\":" + root
                                + ",\"parent\":" + root + "},\"createdAt\":\"" + created + "\"}";
                    }
                }
                out.write("{\"did\":\"" + did + "\",\"time_us\":" + time + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3l\","
                        + "\"operation\":\"create\",\"collection\":\"" + collection + "\",\"rkey\":\"" + rkey
                        + "\",\"cid\":\"bafy" + rkey + "\",\"record\":" + record + "}}\n");
                written++;
            }
        }
    }

    private static String member(int n) {
        return "did:plc:member" + n;
    }

    private static String text(SplittableRandom random) {
        return "Some words about the forum, number " + random.nextInt(1_000_000) + ", to give the row a realistic size.";
    }

    /** A table's final rows as the indexer left them, read back in full before the baseline is timed. */
    private record TableRows(String table, String insert, int[] types, List<Object[]> rows) {
    }

    /**
     * Every row the indexer ended up with, in key order (ids ascending, so a reply comes after its
     * topic): the tables the replay writes, and its cursor.
     */
    private static List<TableRows> finalRows(Database db) throws Exception {
        List<TableRows> tables = new ArrayList<>();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                String order = table.equals("users") ? "did" : table.equals("firehose_cursor") ? "service" : "id";
                try (ResultSet result = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
                    ResultSetMetaData meta = result.getMetaData();
                    int columns = meta.getColumnCount();
                    List<String> names = new ArrayList<>();
                    int[] types = new int[columns];
                    for (int i = 1; i <= columns; i++) {
                        names.add(meta.getColumnName(i));
                        types[i - 1] = meta.getColumnType(i);
                    }
                    List<Object[]> rows = new ArrayList<>();
                    while (result.next()) {
                        Object[] row = new Object[columns];
                        for (int i = 1; i <= columns; i++) {
                            row[i - 1] = result.getObject(i);
                        }
                        rows.add(row);
                    }
                    tables.add(new TableRows(table, "INSERT INTO " + table + " (" + String.join(", ", names)
                            + ") VALUES (" + String.join(", ", Collections.nCopies(columns, "?")) + ")", types, rows));
                }
            }
        }
        return tables;
    }

    /**
     * The baseline: the final rows inserted with one plain prepared statement per table, in JDBC
     * batches of {@value #BASELINE_BATCH}, committing every {@value #BASELINE_COMMIT_EVERY} rows.
     * Returns the rows written.
     */
    private static long plainInsert(Database db, List<TableRows> tables) throws Exception {
        long written = 0;
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            for (TableRows table : tables) {
                try (PreparedStatement insert = c.prepareStatement(table.insert())) {
                    int n = 0;
                    for (Object[] row : table.rows()) {
                        for (int i = 0; i < row.length; i++) {
                            if (row[i] == null) {
                                insert.setNull(i + 1, table.types()[i]);
                            } else {
                                insert.setObject(i + 1, row[i]);
                            }
                        }
                        insert.addBatch();
                        if (++n % BASELINE_BATCH == 0) {
                            insert.executeBatch();
                        }
                        if (n % BASELINE_COMMIT_EVERY == 0) {
                            c.commit();
                        }
                    }
                    insert.executeBatch();
                    c.commit();
                    written += n;
                }
            }
            c.setAutoCommit(true);
        }
        return written;
    }

    /** Row counts per table, to check that the baseline wrote what the indexer did. */
    private static Map<String, Long> counts(Database db) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet result = s.executeQuery("SELECT count(*) FROM " + table)) {
                    result.next();
                    counts.put(table, result.getLong(1));
                }
            }
        }
        return counts;
    }

    private IndexerBench() {
    }
}
