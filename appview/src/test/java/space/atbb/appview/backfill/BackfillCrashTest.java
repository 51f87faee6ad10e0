package space.atbb.appview.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.Main;
import space.atbb.appview.indexer.Tables;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseLocation;
import space.atbb.db.testing.DatabaseTest;

/**
 * {@code appview backfill} in a child JVM, killed with SIGKILL twice part-way, then run to its
 * end: it resumes after last_processed_did and ends with the rows of a clean run. The kills
 * follow the child's progress (the PDS requests it made), not the clock; each request waits a
 * little, so the child is always in the middle of a repository when it dies.
 */
class BackfillCrashTest {
    private static final Pattern RESUMING = Pattern.compile("resuming after (did:\\S+)");
    private static final int SIGKILLED = 128 + 9;
    /** PDS requests a clean run makes: 8 collections of the forum, 2 per member, 2 more pages of the long thread. */
    private static final int REQUESTS = 8 + 2 * TestForum.MEMBERS + 2;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    // Not SQLITE_MEMORY: an in-memory database dies with the process that is killed.
    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
    void aBackfillKilledPartWayAndRestartedEndsWithTheRowsOfACleanRun(Database clean, DatabaseLocation location)
            throws Exception {
        try (FakeNetwork net = FakeNetwork.start()) {
            new TestForum(net).build();
            new BackfillRunner(clean, Optional.of(FORUM)).run(BackfillOptions.of(Optional.of(FORUM), net.plcUrl(),
                    net.relayUrl(), List.of(), false), snapshot -> { });
            net.delay(100);

            // The forum's repository (8 requests in a row) comes first and holds last_processed_did back
            // until it is done: the first child dies well after, the second soon after its start.
            for (int killAt : new int[] {REQUESTS * 3 / 4, REQUESTS / 6}) {
                Process child = start(net, location);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int before = net.listRecordsCalls();
                while (net.listRecordsCalls() - before < killAt && System.nanoTime() < deadline) {
                    assertThat(child.isAlive()).as("backfill exited early:%n%s", output(child)).isTrue();
                    Thread.sleep(10);
                }
                child.destroyForcibly();
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(child.exitValue()).as("killed part-way:%n%s", output(child)).isEqualTo(SIGKILLED);
            }
            Process last = start(net, location);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("backfill finished:%n%s", output(last)).isTrue();
            assertThat(last.exitValue()).as("%s", output(last)).isZero();

            // Each restart resumed the one run after a repository the one before had finished.
            List<String> resumedAfter = new ArrayList<>();
            for (Process child : children.subList(1, children.size())) {
                Matcher resumed = RESUMING.matcher(output(child));
                if (resumed.find()) {
                    resumedAfter.add(resumed.group(1));
                }
            }
            assertThat(resumedAfter).isNotEmpty().isSorted();
        }
        Database killed = location.open();
        if (location.kind() == DatabaseKind.SQLITE_FILE) {
            assertThat(Tables.strings(killed, "PRAGMA integrity_check")).containsExactly("ok");
        }
        Tables.assertSameIndexedRows(killed, clean, "firehose_cursor");
        assertThat(Tables.rows(killed, "SELECT status, dids_total, dids_processed, last_processed_did"
                + " FROM backfill_progress")).containsExactly("completed | 21 | 21 | " + TestForum.member(TestForum.MEMBERS));
    }

    @AfterEach
    void killLeftChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code appview backfill} in a child JVM, its output in a log file. */
    private Process start(FakeNetwork net, DatabaseLocation location) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("backfill-" + children.size() + ".log");
        Process process = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", classpath, Main.class.getName(),
                "backfill", "--database-url", location.url(), "--forum-did", FORUM, "--plc-url", net.plcUrl().toString(),
                "--relay-url", net.relayUrl().toString(), "--log-level", "INFO")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(process);
        return process;
    }

    private String output(Process child) throws Exception {
        return Files.readString(dir.resolve("backfill-" + children.indexOf(child) + ".log"));
    }
}
