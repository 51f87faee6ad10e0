package space.atbb.bench.load;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import space.atbb.appview.forum.PageCursor;

/**
 * The shape of the load test's forum, shared by the seeder and the manifest it writes for
 * {@code scripts/bench-load}: which ids and cursors each measured page uses. Every id and time is
 * computed from the post's position, so the manifest needs no query.
 *
 * <ul>
 *   <li>{@value #SMALL_BOARDS} small boards sharing {@code topics} topics of {@code postsPerTopic}
 *       posts (a root and its replies), topic {@code t} on board {@code 1 + t % SMALL_BOARDS};</li>
 *   <li>a big board of {@code bigBoardTopics} topics of a root and one reply;</li>
 *   <li>a board holding one long thread of {@code longThreadReplies} replies.</li>
 * </ul>
 *
 * One reply in {@value #DELETED_EVERY} is deleted by its author (kept, hidden, not counted), so the
 * visibility rule has rows to drop.
 */
record LoadForum(int topics, int postsPerTopic, int bigBoardTopics, int longThreadReplies, int users) {
    static final int SMALL_BOARDS = 10;
    static final long BIG_BOARD = SMALL_BOARDS + 1;
    static final long LONG_BOARD = SMALL_BOARDS + 2;
    static final int DELETED_EVERY = 50;
    static final int PAGE = 25;
    /** One search term per post, {@code tag0} .. {@code tag96}: each matches about 1 % of the posts. */
    static final int TAGS = 97;
    static final String FORUM_DID = "did:plc:atbb-load-forum";
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    /** The full size; {@code divisor} shrinks every count, for a quick run while developing. */
    static LoadForum of(int divisor) {
        return new LoadForum(10_000 / divisor, 100, 100_000 / divisor, 50_000 / divisor, 1_000);
    }

    long smallPosts() {
        return (long) topics * postsPerTopic;
    }

    long posts() {
        return smallPosts() + 2L * bigBoardTopics + 1 + longThreadReplies;
    }

    /** Ids are given in order: the small topics' posts, then the big board's, then the long thread. */
    long smallTopicId(int t) {
        return 1 + (long) t * postsPerTopic;
    }

    long bigTopicId(int t) {
        return smallPosts() + 1 + 2L * t;
    }

    long longTopicId() {
        return smallPosts() + 2L * bigBoardTopics + 1;
    }

    /** Small topic {@code t} starts ten minutes after topic {@code t - 1}; its replies follow a second apart. */
    Instant smallPostTime(int t, int p) {
        return T0.plusSeconds(600L * t + p);
    }

    /** The big board's topics are interleaved in time with the small ones; the reply comes a minute later. */
    Instant bigPostTime(int t, int p) {
        return T0.plusSeconds(600L * topics * t / Math.max(1, bigBoardTopics) + 7 + 60L * p);
    }

    /** The long thread starts with the forum and gets a reply every 30 s. */
    Instant longPostTime(int p) {
        return T0.plusSeconds(30L * p + 3);
    }

    static String did(long user) {
        return "did:plc:loaduser" + user;
    }

    static String handle(long user) {
        return "user" + user + ".load.test";
    }

    /** Reply {@code p} (1-based) of a thread is hidden: deleted by its author. */
    static boolean deleted(int p) {
        return p > 0 && p % DELETED_EVERY == 0;
    }

    /**
     * The cursor a client holds after reading {@code visibleBefore} visible replies of a thread
     * ({@code ?cursor=} of the next page), whose reply {@code p} has id {@code root + p}.
     */
    String threadCursor(long root, int visibleBefore, java.util.function.IntFunction<Instant> time) {
        int seen = 0;
        int p = 0;
        while (seen < visibleBefore) {
            p++;
            if (!deleted(p)) {
                seen++;
            }
        }
        return new PageCursor(time.apply(p), root + p).encode();
    }

    /** The pages the load test requests, by name: each a path with its query. */
    Map<String, String> targets() {
        Map<String, String> t = new LinkedHashMap<>();
        int midTopic = topics / 2 - (topics / 2) % SMALL_BOARDS; // on board 1
        long small = smallTopicId(midTopic);
        long longTopic = longTopicId();
        t.put("board-small", "/api/boards/1/topics");
        t.put("board-big", "/api/boards/" + BIG_BOARD + "/topics");
        t.put("thread-small", "/api/topics/" + small);
        t.put("thread-small-deep", "/api/topics/" + small + "?cursor="
                + threadCursor(small, 3 * PAGE, p -> smallPostTime(midTopic, p)));
        t.put("thread-long", "/api/topics/" + longTopic);
        t.put("thread-long-deep", "/api/topics/" + longTopic + "?cursor="
                + threadCursor(longTopic, longThreadReplies * 4 / 5, this::longPostTime));
        t.put("member", "/api/users/" + did(7) + "/posts");
        t.put("search", "/api/search?q=tag42");
        t.put("html-board-small", "/boards/1");
        t.put("html-board-big", "/boards/" + BIG_BOARD);
        t.put("html-thread-small", "/topics/" + small);
        t.put("html-thread-long", "/topics/" + longTopic);
        return t;
    }

    /** The manifest: the forum's size and the targets, one {@code name=path} a line, in order. */
    void writeManifest(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("# atBB load-test forum: " + posts() + " posts; scripts/bench-load reads the targets below\n");
            w.write("shape=" + this + "\n");
            for (Map.Entry<String, String> e : targets().entrySet()) {
                w.write("target." + e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    static Properties readManifest(Path file) throws IOException {
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
