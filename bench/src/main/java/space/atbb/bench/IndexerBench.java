package space.atbb.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
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
 * Baseline in the same run, on another fresh database of each kind: the same file read and parsed
 * with Jackson, and the same post, membership and user rows written with raw JDBC batch inserts
 * (no validation, no upsert, no reference resolution, no moderation), 2,000 events per commit.
 *
 * <pre>BENCH_JAVA_OPTS=-Xmx256m scripts/bench indexer [EVENTS (default 200000)] [sqlite|postgres (default both)]</pre>
 */
public final class IndexerBench {
    private static final String FORUM = "did:plc:bench-forum";
    private static final String FORUM_REF = "{\"uri\":\"at://" + FORUM + "/space.atbb.forum.forum/self\",\"cid\":\"bafyf\"}";
    private static final int BOARDS = 10;
    private static final int COMMIT_EVERY = 2_000;

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
            measure("SQLite", "file:" + dir.resolve("raw.db"), "file:" + dir.resolve("indexer.db"), file, events);
        }
        if (!only.equals("sqlite")) {
            measure("PostgreSQL", TestPostgres.get().createDatabase(true), TestPostgres.get().createDatabase(true), file, events);
        }
    }

    private static void measure(String name, String rawUrl, String indexerUrl, Path file, int events) throws Exception {
        double raw;
        try (Database db = Databases.create(rawUrl)) {
            db.migrate();
            long start = System.nanoTime();
            rawInsert(db, file);
            raw = events / ((System.nanoTime() - start) / 1e9);
        }
        double indexed;
        IndexerCounters counters;
        try (Database db = Databases.create(indexerUrl)) {
            db.migrate();
            long start = System.nanoTime();
            counters = new Indexer(db, FORUM).replay(new JsonlEventSource(file));
            indexed = events / ((System.nanoTime() - start) / 1e9);
        }
        if (counters.applied() != events) {
            throw new IllegalStateException("The indexer applied " + counters + " of " + events + " events");
        }
        System.out.printf(Locale.ROOT, "%-10s raw JDBC batch insert (baseline): %,9.0f events/s%n", name, raw);
        System.out.printf(Locale.ROOT, "%-10s indexer:                          %,9.0f events/s (%.2f× the baseline's time)%n",
                name, indexed, raw / indexed);
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

    /** The baseline: parse each line and batch-insert its row, nothing else. */
    private static void rawInsert(Database db, Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Instant now = Instant.now();
        try (Connection c = db.connection(); BufferedReader in = Files.newBufferedReader(file);
             PreparedStatement user = c.prepareStatement("INSERT INTO users (did, indexed_at) VALUES (?, ?) ON CONFLICT (did) DO NOTHING");
             PreparedStatement membership = c.prepareStatement("INSERT INTO memberships (did, rkey, cid, forum_uri,"
                     + " created_at, indexed_at) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement post = c.prepareStatement("INSERT INTO posts (did, rkey, cid, title, text, forum_uri,"
                     + " board_uri, root_uri, parent_uri, created_at, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            int n = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode event = json.readTree(line);
                JsonNode commit = event.get("commit");
                JsonNode record = commit.get("record");
                String did = event.get("did").asText();
                String collection = commit.get("collection").asText();
                Instant created = OffsetDateTime.parse(record.get("createdAt").asText()).toInstant();
                if (collection.equals("space.atbb.post") || collection.equals("space.atbb.membership")) {
                    user.setString(1, did);
                    db.dialect().bindInstant(user, 2, now);
                    user.addBatch();
                }
                if (collection.equals("space.atbb.membership")) {
                    membership.setString(1, did);
                    membership.setString(2, commit.get("rkey").asText());
                    membership.setString(3, commit.get("cid").asText());
                    membership.setString(4, record.path("forum").path("uri").asText());
                    db.dialect().bindInstant(membership, 5, created);
                    db.dialect().bindInstant(membership, 6, now);
                    membership.addBatch();
                } else if (collection.equals("space.atbb.post")) {
                    post.setString(1, did);
                    post.setString(2, commit.get("rkey").asText());
                    post.setString(3, commit.get("cid").asText());
                    post.setString(4, record.path("title").textValue());
                    post.setString(5, record.get("text").asText());
                    post.setString(6, record.path("forum").path("uri").asText());
                    post.setString(7, record.path("board").path("uri").textValue());
                    post.setString(8, record.path("reply").path("root").path("uri").textValue());
                    post.setString(9, record.path("reply").path("parent").path("uri").textValue());
                    db.dialect().bindInstant(post, 10, created);
                    db.dialect().bindInstant(post, 11, now);
                    post.addBatch();
                }
                if (++n % COMMIT_EVERY == 0) {
                    user.executeBatch();
                    membership.executeBatch();
                    post.executeBatch();
                    c.commit();
                }
            }
            user.executeBatch();
            membership.executeBatch();
            post.executeBatch();
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private IndexerBench() {
    }
}
