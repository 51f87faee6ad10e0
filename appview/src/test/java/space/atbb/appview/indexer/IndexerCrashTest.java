package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.Main;
import space.atbb.appview.indexer.sources.JsonlEventSource;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseLocation;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

/**
 * A replay killed with SIGKILL part-way, three times, then run to its end: the rows equal those of
 * one clean replay of the same file, and the SQLite file passes integrity_check. The killed replays
 * run as an operator runs them, {@code index --from} in a child JVM, on a database this JVM leaves
 * closed until they are over (a {@link DatabaseLocation}: the child must own a SQLite file's lock).
 *
 * <p>The kill points follow the child's progress, not the clock, so a loaded machine moves them but
 * never past the end of the file. A child's log shows a committed batch: the batch's replies that
 * came before their topic are logged as parked once it commits, and the file has one such reply
 * every 500 events (a batch is 2,000). Each child is killed when its first commit shows, after a
 * pause of a fraction of the time that batch took ({@link #KILL_AFTER}): at once, then most likely
 * inside the next batch's transaction. The next child's first log line says where the killed one
 * had committed up to.
 */
class IndexerCrashTest {
    private static final int EVENTS = 12_000;
    /** The pause before each kill, after the child's first commit: fractions of the time that first batch took. */
    private static final double[] KILL_AFTER = {0.0, 0.5, 0.25};
    private static final Pattern RESUMING = Pattern.compile("Indexing file:\\S+ for forum \\S+ from cursor (\\(start\\)|\\d+)");
    /** Logged once the batch holding a reply that came before its topic commits: the file has one every 500 events. */
    private static final Pattern COMMITTED = Pattern.compile("Parked event ");
    private static final int SIGKILLED = 128 + 9;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    // Not SQLITE_MEMORY: an in-memory database dies with the process that is killed.
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
    void aReplayKilledPartWayAndRestartedEndsWithTheRowsOfACleanReplay(Database clean, DatabaseLocation location)
            throws Exception {
        TestEvents events = new TestEvents();
        Path file = dir.resolve("events.jsonl");
        Files.write(file, forum(events));
        // The clean replay, into a database of its own, runs while the children are killed and restarted.
        CompletableFuture<IndexerCounters> cleanReplay =
                CompletableFuture.supplyAsync(() -> new Indexer(clean, FORUM).replay(new JsonlEventSource(file)));

        List<Long> resumedFrom = new ArrayList<>();
        for (double pause : KILL_AFTER) {
            Child child = start(file, location);
            resumedFrom.add(child.awaitReplay());
            long replayStarted = System.nanoTime();
            child.awaitCommit();
            TimeUnit.NANOSECONDS.sleep((long) ((System.nanoTime() - replayStarted) * pause));
            child.kill();
        }
        Child last = start(file, location);
        resumedFrom.add(last.awaitReplay());
        last.awaitSuccess();

        // Each killed child had committed a batch or more, so each restart resumed further on, and
        // none had finished (kill() saw exit status 137): the kills all landed part-way.
        assertThat(resumedFrom).startsWith(0L).doesNotHaveDuplicates().isSorted()
                .allMatch(cursor -> cursor < events.lastTimeUs());

        assertThat(cleanReplay.get(120, TimeUnit.SECONDS).skippedByReason()).isEmpty();
        Database killed = location.open();
        if (location.kind() == DatabaseKind.SQLITE_FILE) {
            assertThat(Tables.strings(killed, "PRAGMA integrity_check")).containsExactly("ok");
        }
        Tables.assertSameIndexedRows(killed, clean);
    }

    @AfterEach
    void killLeftChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * {@value #EVENTS} events of a busy forum: its structure and two roles; members joining, one in
     * ten granted the moderator role before their membership arrives; topics and replies, one post
     * in five a topic; and every so often a reply that arrives before its topic, an edit, a member's
     * delete, a ban, a hide, an unban, a second grant, a grant taken back, and once the moderator
     * role's permissions replaced.
     */
    private static List<String> forum(TestEvents events) {
        SplittableRandom random = new SplittableRandom(42);
        List<String> lines = new ArrayList<>(events.structure());
        lines.add(events.create(FORUM, Nsid.ROLE, "mod", role("Moderator", 10,
                "space.atbb.permission.moderatePosts", "space.atbb.permission.banUsers")));
        lines.add(events.create(FORUM, Nsid.ROLE, "member", role("Member", 20, "space.atbb.permission.createPosts")));
        List<String> members = new ArrayList<>();
        List<PostKey> topics = new ArrayList<>();
        List<PostKey> replies = new ArrayList<>();
        Map<Integer, PostKey> lateTopics = new HashMap<>();
        List<String> grants = new ArrayList<>();
        List<String> bans = new ArrayList<>();
        for (int step = 0; lines.size() < EVENTS; step++) {
            String at = Instant.parse(CREATED).plusSeconds(step).toString();
            String author = members.isEmpty() ? null : members.get(random.nextInt(members.size()));
            if (step == EVENTS / 2) {
                lines.add(events.update(FORUM, Nsid.ROLE, "mod", role("Moderator", 10, "space.atbb.permission.moderatePosts")));
            }
            PostKey late = lateTopics.remove(step);
            if (late != null) {
                lines.add(events.topic(late.did(), late.rkey(), "came after its reply", late.createdAt()));
                topics.add(late);
            } else if (step % 40 == 0) {
                String did = "did:plc:member" + members.size();
                if (members.size() % 10 == 3) {
                    lines.add(grant(events, "g" + step, did, "mod", at));
                    grants.add("g" + step);
                }
                lines.add(events.membership(did));
                members.add(did);
            } else if (step % 500 == 1) {
                PostKey topic = new PostKey(author, "late" + step, at);
                lines.add(events.reply(author, "r" + step, topic.did(), topic.rkey(), at));
                replies.add(new PostKey(author, "r" + step, at));
                lateTopics.put(step + 997, topic);
            } else if (step % 300 == 7 && !topics.isEmpty()) {
                PostKey topic = topics.get(random.nextInt(topics.size()));
                lines.add(events.update(topic.did(), Nsid.POST, topic.rkey(), Map.of("title", "Edited",
                        "text", "edited at " + at, "forum", TestEvents.forumRef(),
                        "board", TestEvents.ref(FORUM, Nsid.BOARD, "b1"), "createdAt", topic.createdAt())));
            } else if (step % 300 == 11 && !replies.isEmpty()) {
                PostKey reply = replies.get(random.nextInt(replies.size()));
                lines.add(events.delete(reply.did(), Nsid.POST, reply.rkey()));
            } else if (step % 1000 == 13) {
                lines.add(events.modAction("ban" + step, "ban", Map.of("did", author)));
                bans.add("ban" + step);
            } else if (step % 1000 == 17 && !replies.isEmpty()) {
                PostKey reply = replies.get(random.nextInt(replies.size()));
                lines.add(events.modAction("hide" + step, "hide",
                        Map.of("post", TestEvents.ref(reply.did(), Nsid.POST, reply.rkey()))));
            } else if (step % 3000 == 19) {
                lines.add(events.delete(FORUM, Nsid.MOD_ACTION, bans.remove(0)));
            } else if (step % 2000 == 23) {
                lines.add(grant(events, "g" + step, author, "member", at));
                grants.add("g" + step);
            } else if (step % 2000 == 1023 && !grants.isEmpty()) {
                lines.add(events.delete(FORUM, Nsid.MEMBER_ROLE, grants.remove(random.nextInt(grants.size()))));
            } else if (topics.isEmpty() || random.nextInt(5) == 0) {
                lines.add(events.topic(author, "t" + step, "Topic text " + random.nextInt(1_000_000), at));
                topics.add(new PostKey(author, "t" + step, at));
            } else {
                PostKey root = topics.get(Math.max(0, topics.size() - 1 - random.nextInt(200)));
                lines.add(events.reply(author, "r" + step, root.did(), root.rkey(), at));
                replies.add(new PostKey(author, "r" + step, at));
            }
        }
        return lines;
    }

    private record PostKey(String did, String rkey, String createdAt) {
    }

    private static Map<String, Object> role(String name, int priority, String... permissions) {
        return Map.of("name", name, "priority", priority, "permissions", List.of(permissions), "createdAt", CREATED);
    }

    private static String grant(TestEvents events, String rkey, String subject, String role, String at) {
        return events.create(FORUM, Nsid.MEMBER_ROLE, rkey, Map.of("subject", subject,
                "role", TestEvents.ref(FORUM, Nsid.ROLE, role), "createdAt", at));
    }

    private Child start(Path file, DatabaseLocation location) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("index-" + children.size() + ".log");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classpath, Main.class.getName(),
                "index", "--from", file.toString(), "--database-url", location.url(), "--forum-did", FORUM,
                "--log-level", "INFO")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return new Child(process, log);
    }

    /** One {@code index --from} in a child JVM, its output in a log file. */
    private record Child(Process process, Path log) {
        /** Waits until the replay starts; returns the cursor it resumes after, 0 at the start. */
        long awaitReplay() throws Exception {
            String cursor = awaitLog(RESUMING, "start its replay").group(1);
            return cursor.equals("(start)") ? 0 : Long.parseLong(cursor);
        }

        /** Waits until the child has committed a batch: its parked replies show in the log. */
        void awaitCommit() throws Exception {
            awaitLog(COMMITTED, "commit a batch");
        }

        /** SIGKILL; the exit status shows the child was still running, not finished. */
        void kill() throws Exception {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("index gone after SIGKILL").isTrue();
            assertThat(process.exitValue()).as("index killed part-way:%n%s", output()).isEqualTo(SIGKILLED);
        }

        void awaitSuccess() throws Exception {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("index finished:%n%s", output()).isTrue();
            assertThat(process.exitValue()).as("%s", output()).isZero();
        }

        private Matcher awaitLog(Pattern pattern, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                Matcher matcher = pattern.matcher(output());
                if (matcher.find()) {
                    return matcher;
                }
                assertThat(process.isAlive()).as("index exited before it could %s:%n%s", what, output()).isTrue();
                Thread.sleep(10);
            }
            throw new AssertionError("index did not " + what + " within 60 s:\n" + output());
        }

        String output() throws IOException {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
        }
    }
}
