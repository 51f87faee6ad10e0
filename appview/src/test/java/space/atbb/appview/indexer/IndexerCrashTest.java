package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        Files.write(file, BusyForum.events(events, EVENTS));
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
