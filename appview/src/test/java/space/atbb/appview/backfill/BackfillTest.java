package space.atbb.appview.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.backfill.TestForum.member;
import static space.atbb.appview.indexer.TestEvents.CREATED;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.indexer.Tables;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

class BackfillTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeNetwork net;
    private TestForum forum;

    @BeforeEach
    void network() throws IOException {
        net = FakeNetwork.start();
        forum = new TestForum(net).build();
    }

    @AfterEach
    void stop() {
        net.close();
    }

    private BackfillOptions options() {
        return BackfillOptions.of(Optional.of(FORUM), net.plcUrl(), net.relayUrl(), List.of(), false)
                .withHttp(Duration.ofMillis(700), 2, "http");
    }

    private static RepositoryBackfill.Result run(Database db, BackfillOptions options) {
        return new BackfillRunner(db, Optional.of(FORUM)).run(options, snapshot -> { });
    }

    @DatabaseTest
    void readsTheForumAndEveryMemberPageByPage(Database db) {
        RepositoryBackfill.Result result = run(db, options());

        assertThat(result.status()).isEqualTo("completed");
        assertThat(result.repositories()).isEqualTo(TestForum.MEMBERS + 1);
        assertThat(result.processed()).isEqualTo(TestForum.MEMBERS + 1);
        assertThat(result.recordsIndexed()).isEqualTo(TestForum.records());
        assertThat(result.errors()).isZero();
        assertThat(result.skipped()).isZero();
        assertThat(Tables.count(db, "posts")).isEqualTo(TestForum.posts());
        assertThat(Tables.count(db, "memberships")).isEqualTo(TestForum.MEMBERS);
        assertThat(Tables.strings(db, "SELECT name FROM boards")).containsExactly("Board b1");
        // The long thread took three pages, every reply found its topic, the ban and the grant apply.
        assertThat(Tables.count(db, "posts WHERE did = '" + member(5) + "' AND rkey LIKE 'long%' AND root_post_id = "
                + Tables.post(db, member(5), "t5").getId())).isEqualTo(TestForum.LONG_THREAD);
        assertThat(Tables.post(db, member(3), "t3").isBannedByMod()).isTrue();
        assertThat(Tables.membership(db, member(1)).getRoleUri()).endsWith("/space.atbb.forum.role/mod");
        assertThat(Tables.strings(db, "SELECT handle FROM users WHERE did = '" + member(7) + "'"))
                .containsExactly("m7.test");
        assertThat(Tables.rows(db, "SELECT status, backfill_type, dids_total, dids_processed, records_indexed,"
                + " last_processed_did, error_message FROM backfill_progress")).containsExactly(
                "completed | full | 21 | 21 | " + TestForum.records() + " | " + member(TestForum.MEMBERS) + " | null");
        assertThat(Tables.count(db, "backfill_progress WHERE completed_at >= started_at")).isEqualTo(1);
        assertThat(Tables.count(db, "backfill_errors")).isZero();
    }

    @DatabaseTest
    void readsADidWebAccountFromItsWellKnownDocument(Database db) {
        String web = net.webDid();
        net.account(web, "web.test");
        forum.publish(forum.events.membership(web));
        forum.publish(forum.events.topic(web, "w1", "from did:web", CREATED));

        RepositoryBackfill.Result result = run(db, options());

        assertThat(result.errors()).isZero();
        assertThat(Tables.post(db, web, "w1").getText()).isEqualTo("from did:web");
        assertThat(Tables.strings(db, "SELECT handle FROM users WHERE did = '" + web + "'")).containsExactly("web.test");
    }

    @DatabaseTest
    void membersStructureRecordsAreIgnoredAndMalformedRecordsSkippedAndCounted(Database db) {
        // Member 1 writes a category of its own, and lists a post addressed as the forum's category.
        forum.publish(forum.events.create(member(1), Nsid.CATEGORY, "mine", Map.of("name", "Member's", "createdAt", CREATED)));
        net.putListed(member(1), Nsid.POST, "zz", FakeNetwork.listed(FORUM, Nsid.CATEGORY, "zz", "bafyzz",
                JSON.valueToTree(Map.of("$type", Nsid.CATEGORY, "name", "Forged", "createdAt", CREATED))));
        // Member 2 lists a post without text, one without a value and one for another forum.
        forum.publish(forum.events.create(member(2), Nsid.POST, "notext", Map.of("forum", TestEvents.forumRef(),
                "createdAt", CREATED)));
        ObjectNode noValue = FakeNetwork.listed(member(2), Nsid.POST, "novalue", "bafynv", null);
        noValue.remove("value");
        net.putListed(member(2), Nsid.POST, "novalue", noValue);
        forum.publish(forum.events.create(member(2), Nsid.POST, "elsewhere", Map.of("text", "hi",
                "forum", TestEvents.ref("did:plc:other", Nsid.FORUM, "self"), "createdAt", CREATED)));

        RepositoryBackfill.Result result = run(db, options());

        assertThat(result.status()).isEqualTo("completed");
        assertThat(result.skipped()).isEqualTo(4);
        assertThat(result.errors()).isZero();
        assertThat(Tables.strings(db, "SELECT name FROM categories")).containsExactly("General");
        assertThat(Tables.count(db, "posts")).isEqualTo(TestForum.posts());
        assertThat(Tables.post(db, member(2), "t2").getText()).isEqualTo("topic of member 2");
    }

    @DatabaseTest
    void eachUnreadableRepositoryGetsOneErrorRowWhileTheRestCompletesThenRetryErrorsReadsThem(Database db) {
        net.pds(member(17), FakeNetwork.Pds.GARBAGE);
        net.pds(member(18), FakeNetwork.Pds.FAILING);
        net.pds(member(19), FakeNetwork.Pds.SLOW);
        net.forget(member(20));

        RepositoryBackfill.Result first = run(db, options());

        assertThat(first.status()).isEqualTo("completed");
        assertThat(first.processed()).isEqualTo(TestForum.MEMBERS + 1);
        assertThat(first.errors()).isEqualTo(4);
        List<String> errors = Tables.rows(db, "SELECT did, collection, error_message FROM backfill_errors ORDER BY did");
        assertThat(errors).hasSize(4);
        assertThat(errors.get(0)).startsWith(member(17) + " | * | ").contains("not a JSON object");
        assertThat(errors.get(1)).startsWith(member(18) + " | * | ").contains("HTTP 500", "after 2 attempts");
        assertThat(errors.get(2)).startsWith(member(19) + " | * | ").contains("no answer within 700 ms");
        assertThat(errors.get(3)).startsWith(member(20) + " | * | ").contains("does not resolve", "HTTP 404");
        assertThat(Tables.count(db, "posts WHERE did IN ('" + member(17) + "', '" + member(18) + "', '"
                + member(19) + "', '" + member(20) + "')")).isZero();
        assertThat(Tables.count(db, "posts")).isEqualTo(TestForum.posts() - 4 * 2);

        net.pds(member(17), FakeNetwork.Pds.UP);
        net.pds(member(18), FakeNetwork.Pds.UP);
        net.pds(member(19), FakeNetwork.Pds.UP);
        net.account(member(20), "m20.test");
        int callsBefore = net.listRecordsCalls();
        RepositoryBackfill.Result retry = run(db, options().withRetryErrors(true));

        assertThat(retry.status()).isEqualTo("completed");
        assertThat(retry.repositories()).isEqualTo(4);
        assertThat(retry.errors()).isZero();
        assertThat(net.listRecordsCalls() - callsBefore).isEqualTo(4 * 2); // membership and posts of each, one page
        assertThat(Tables.count(db, "posts")).isEqualTo(TestForum.posts());
        assertThat(Tables.strings(db, "SELECT backfill_type FROM backfill_progress ORDER BY id"))
                .containsExactly("full", "retry-errors");

        // Nothing failed last time: a retry has nothing to do.
        assertThat(run(db, options().withRetryErrors(true)).repositories()).isZero();
    }

    @DatabaseTest
    void aRateLimitedPdsIsAskedAgainAfterItsRetryAfter(Database db) {
        net.pds(member(6), FakeNetwork.Pds.RATE_LIMITED);
        List<Long> asked = new CopyOnWriteArrayList<>();
        net.onListRecords((did, collection) -> {
            if (did.equals(member(6)) && collection.equals(Nsid.MEMBERSHIP)) {
                asked.add(System.nanoTime());
            }
        });

        RepositoryBackfill.Result result = run(db, options());

        assertThat(result.errors()).isZero();
        assertThat(asked).hasSize(2);
        assertThat(Duration.ofNanos(asked.get(1) - asked.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(Tables.count(db, "posts WHERE did = '" + member(6) + "'")).isEqualTo(2);
    }

    @DatabaseTest
    void oneCollectionThatFailsIsOneErrorRowForThatCollection(Database db) {
        net.onListRecords((did, collection) -> {
            if (did.equals(member(4)) && collection.equals(Nsid.POST)) {
                net.pds(member(4), FakeNetwork.Pds.FAILING);
            }
        });

        RepositoryBackfill.Result result = run(db, options());

        assertThat(result.errors()).isEqualTo(1);
        assertThat(Tables.rows(db, "SELECT did, collection FROM backfill_errors"))
                .containsExactly(member(4) + " | " + Nsid.POST);
        assertThat(Tables.count(db, "memberships WHERE did = '" + member(4) + "'")).isEqualTo(1);
        assertThat(Tables.count(db, "posts WHERE did = '" + member(4) + "'")).isZero();
    }

    @DatabaseTest
    void didOptionReadsOnlyThoseRepositories(Database db) {
        RepositoryBackfill.Result result = run(db, options().withDids(List.of(member(4), member(2))));

        assertThat(result.repositories()).isEqualTo(2);
        assertThat(Tables.strings(db, "SELECT DISTINCT did FROM posts ORDER BY did")).containsExactly(member(2), member(4));
        assertThat(Tables.strings(db, "SELECT backfill_type || ' ' || last_processed_did FROM backfill_progress"))
                .containsExactly("dids " + member(4));
    }

    @DatabaseTest
    void aRelayThatDoesNotAnswerFailsTheRunWithAMessage(Database db) {
        BackfillOptions options = BackfillOptions.of(Optional.of(FORUM), net.plcUrl(),
                URI.create(net.base() + "/nothing-here"), List.of(), false).withHttp(Duration.ofMillis(700), 1, "http");

        RepositoryBackfill.Result result = run(db, options);

        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.errorMessage()).contains("The relay did not list the forum's members", "HTTP 404", "RELAY_URL");
        assertThat(Tables.strings(db, "SELECT status FROM backfill_progress")).containsExactly("failed");
    }
}
