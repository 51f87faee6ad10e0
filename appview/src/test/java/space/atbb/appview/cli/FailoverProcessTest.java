package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.indexer.BusyForum;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.indexer.sources.FakeJetstream;
import space.atbb.appview.indexer.sources.JetstreamClient;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.TestDatabase;

/**
 * Three {@code serve} processes on one PostgreSQL database, fed by one Jetstream: the leader is
 * SIGKILLed three times and has its lock session terminated once, at random points of the stream;
 * each time another takes over within {@code LEADER_TAKEOVER}, and at the end the tables hold what
 * one clean run of the same events gives. PostgreSQL only: on SQLite a second process on the file
 * is refused, so there is nothing to fail over to.
 */
class FailoverProcessTest {
    private static final int EVENTS = 30_000;
    /** About 30 s of stream, so that each disruption falls while events flow. */
    private static final int EVENTS_PER_SECOND = 1_000;
    private static final Duration TAKEOVER = AppViewConfig.DEFAULT_LEADER_TAKEOVER;
    private static final Duration START = Duration.ofSeconds(60);
    private static final List<String> DISRUPTIONS = List.of("SIGKILL", "terminate the lock session", "SIGKILL",
            "SIGKILL");

    @TempDir
    Path dir;

    private int started;

    @Test
    void aStandbyTakesOverEachTimeAndTheTablesEqualACleanReplay() throws Exception {
        List<String> events = BusyForum.events(new TestEvents(), EVENTS);
        long first = timeUs(events.get(0));
        long last = timeUs(events.get(events.size() - 1));
        try (TestDatabase shared = TestDatabase.create(DatabaseKind.POSTGRES, true);
             TestDatabase clean = TestDatabase.create(DatabaseKind.POSTGRES, true)) {
            Database db = shared.database();
            completedBackfill(db); // else each new leader would backfill from the network first
            List<ServeProcess> servers = new ArrayList<>();
            try (FakeJetstream jetstream = FakeJetstream.paced(events, EVENTS_PER_SECOND)) {
                for (int i = 0; i < 3; i++) {
                    servers.add(start(shared, jetstream));
                }
                for (ServeProcess server : servers) {
                    server.awaitListening(START);
                }
                SplittableRandom random = new SplittableRandom(20261201);
                List<Long> failovers = new ArrayList<>();
                for (int i = 0; i < DISRUPTIONS.size(); i++) {
                    // A random point within the i-th of five stretches of the stream.
                    double at = (i + 0.15 + 0.7 * random.nextDouble()) / (DISRUPTIONS.size() + 1);
                    awaitCursor(db, first + (long) ((last - first) * at), Duration.ofSeconds(60));
                    long term = term(db);
                    ServeProcess leader = holder(db, servers);
                    long disrupted = System.nanoTime();
                    if (DISRUPTIONS.get(i).equals("SIGKILL")) {
                        leader.kill();
                    } else {
                        terminateLockSession(db);
                    }
                    ServeProcess next = awaitNewTerm(db, servers, term, TAKEOVER.plusSeconds(20));
                    long millis = (System.nanoTime() - disrupted) / 1_000_000;
                    awaitLeaderRole(next);
                    failovers.add(millis);
                    System.out.printf("Failover %d (%s of %s at %.0f%% of the stream): %s leads after %d ms%n",
                            i + 1, DISRUPTIONS.get(i), leader.name, at * 100, next.name, millis);
                    if (!leader.isAlive()) {
                        servers.remove(leader);
                        servers.add(start(shared, jetstream)); // a standby again, once it listens
                    } else {
                        assertThat(leader.log()).contains("lost the indexer's leader lock");
                    }
                }
                assertThat(failovers).allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(TAKEOVER.toMillis()));
                awaitCursor(db, last, Duration.ofSeconds(60));
            } finally {
                for (ServeProcess server : servers) {
                    server.close();
                }
                printLeadershipLines();
            }

            new Indexer(clean.database(), FORUM).apply(JetstreamClient.CURSOR_NAME, events);
            Tables.assertSameIndexedRows(db, clean.database());
            for (String counts : List.of("SELECT did, rkey, reply_count, last_reply_at, last_reply_did FROM posts",
                    "SELECT did, rkey, topic_count, post_count, last_activity_at FROM boards")) {
                assertThat(Tables.rows(db, counts)).as(counts)
                        .containsExactlyInAnyOrderElementsOf(Tables.rows(clean.database(), counts));
            }
        }
    }

    /** Each server's lines about leadership, for the record of when each took over. */
    private void printLeadershipLines() throws Exception {
        try (var logs = Files.list(dir)) {
            for (Path log : logs.sorted().toList()) {
                Files.readAllLines(log).stream()
                        .filter(line -> line.contains("leader lock") || line.contains("leads the indexer")
                                || line.contains("Live indexing") || line.contains("listening on port"))
                        .forEach(line -> System.out.println(log.getFileName() + ": " + line));
            }
        }
    }

    private ServeProcess start(TestDatabase shared, FakeJetstream jetstream) throws Exception {
        return ServeProcess.start(dir, "serve-" + started++, shared.url(), "--forum-did", FORUM,
                "--jetstream-url", jetstream.uri().toString());
    }

    /** The server whose pid holds the lock now, by the holder written with the term. */
    private static ServeProcess holder(Database db, List<ServeProcess> servers) throws SQLException {
        String holder = string(db, "SELECT holder FROM indexer_leader WHERE name = 'indexer'");
        return servers.stream().filter(s -> holder.startsWith(s.pid() + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("No running server holds the lock: " + holder));
    }

    /** Until a server holds a term after {@code term}: it has the lock, and fenced batches are its alone. */
    private static ServeProcess awaitNewTerm(Database db, List<ServeProcess> servers, long term, Duration limit)
            throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (term(db) <= term) {
            assertThat(System.nanoTime()).as("a server took over within %s", limit).isLessThan(deadline);
            Thread.sleep(20);
        }
        return holder(db, servers);
    }

    /** Until its ready route says it leads: the role /api/healthz/ready reports follows the lock. */
    private static void awaitLeaderRole(ServeProcess server) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        while (server.role().filter("leader"::equals).isEmpty()) {
            assertThat(System.nanoTime()).as("%s reported role leader", server.name).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void awaitCursor(Database db, long atLeast, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (cursor(db) < atLeast) {
            assertThat(System.nanoTime()).as("the cursor reached %d within %s", atLeast, limit).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** As an operator would: the session holding the advisory lock, terminated. */
    private static void terminateLockSession(Database db) throws SQLException {
        string(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    private static void completedBackfill(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO backfill_progress (status, backfill_type, started_at, completed_at)"
                    + " VALUES ('completed', 'full', now(), now())");
        }
    }

    private static long term(Database db) throws SQLException {
        String term = string(db, "SELECT max(term) FROM indexer_leader");
        return term == null ? 0 : Long.parseLong(term);
    }

    private static long cursor(Database db) throws SQLException {
        String cursor = string(db, "SELECT max(cursor) FROM firehose_cursor WHERE service = 'jetstream'");
        return cursor == null ? -1 : Long.parseLong(cursor);
    }

    private static String string(Database db, String sql) throws SQLException {
        try (Connection c = db.connection(); PreparedStatement s = c.prepareStatement(sql); ResultSet row = s.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static long timeUs(String event) {
        return Long.parseLong(event.replaceAll(".*\"time_us\":(\\d+).*", "$1"));
    }
}
