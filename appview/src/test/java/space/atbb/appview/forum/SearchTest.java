package space.atbb.appview.forum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseTest;

/** {@code GET /api/search}: one query syntax, the same answers on both dialects' indexes. */
class SearchTest {

    @DatabaseTest
    void findsWordsAndPhrasesInTitlesAndTextsNewestFirst(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        Post roses = seed.topic(alice, board, "Pruning Roses", 0);
        Post reply = seed.reply(alice, roses, "Prune the roses in early spring, before the buds open.", 1);
        Post other = seed.reply(alice, roses, "Spring is early this year; roses later.", 2);
        seed.reply(alice, roses, "Tulips only.", 3);
        Post accented = seed.reply(alice, roses, "Un café au-lait, alice.example écrit", 4);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(ids(app, "roses")).containsExactly(id(other), id(reply), id(roses));
            assertThat(ids(app, "ROSES spring")).containsExactly(id(other), id(reply));
            assertThat(ids(app, "\"early spring\"")).containsExactly(id(reply));
            assertThat(ids(app, "\"spring early\"")).isEmpty();
            assertThat(ids(app, "pruning")).containsExactly(id(roses));
            assertThat(ids(app, "prun")).isEmpty(); // whole words: no stemming, no prefixes, on both
            assertThat(ids(app, "café")).containsExactly(id(accented));
            assertThat(ids(app, "lait")).containsExactly(id(accented));
            assertThat(ids(app, "example")).containsExactly(id(accented));
            assertThat(ids(app, "\"alice example\"")).containsExactly(id(accented));
            JsonNode first = app.get("/api/search?q=roses").body().path("posts").get(0);
            assertThat(first.path("author").path("handle").asText()).isEqualTo("alice.example");
            assertThat(first.path("topicId").asText()).isEqualTo(id(roses));
        }
    }

    @DatabaseTest
    void hiddenPostsNeverMatch(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        Post topic = seed.topic(alice, board, "marigold", 0);
        seed.hide(seed.reply(alice, topic, "marigold banned", 1), true, false);
        seed.hide(seed.reply(alice, topic, "marigold deleted", 2), false, true);
        seed.hide(seed.topic(alice, board, "marigold hidden topic", 3), true, false);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(ids(app, "marigold")).containsExactly(id(topic));
            assertThat(ids(app, "banned")).isEmpty();
            assertThat(ids(app, "deleted")).isEmpty();
        }
    }

    @DatabaseTest
    void aPostWhoseTextChangesIsFoundByItsNewText(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        Post topic = seed.topic(seed.user("did:plc:alice"), board, "daffodil", 0);
        topic.setText("now about crocuses");
        seed.merge(topic);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(ids(app, "crocuses")).containsExactly(id(topic));
            assertThat(ids(app, "text")).isEmpty();
        }
    }

    @DatabaseTest
    void quotesOperatorsAndSqlAreTextToLookFor(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User bobby = seed.user("did:plc:bobby");
        Post sql = seed.topic(bobby, board, "Robert'); DROP TABLE posts; --", 0);
        Post ops = seed.reply(bobby, sql, "NEAR(a b) OR title:x AND NOT y* ^z & !w | <-> :*", 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(ids(app, "Robert'); DROP TABLE posts; --")).containsExactly(id(sql));
            assertThat(ids(app, "drop table")).containsExactly(id(sql));
            assertThat(ids(app, "NEAR(a b)")).containsExactly(id(ops));
            assertThat(ids(app, "OR")).containsExactly(id(ops));
            assertThat(ids(app, "title:x")).containsExactly(id(ops));
            assertThat(ids(app, "y* ^z")).containsExactly(id(ops));
            assertThat(ids(app, "\"not y\" \"unclosed")).isEmpty();
            assertThat(ids(app, "\"NOT y")).containsExactly(id(ops));
            for (String hostile : new String[] {"'", "\"", "\"\"", "' OR 1=1 --", "*", "a\\", "%", "NOT",
                    "\"a\" OR \"b\"", "-x", "col:*", "(((", "''''"}) {
                Response response = search(app, hostile, "");
                assertThat(response.status()).as(hostile).isIn(200, 400);
                if (response.status() == 400) {
                    response.assertProblem(400, "Invalid q");
                }
            }
            assertThat(ids(app, "posts")).containsExactly(id(sql)); // the table is still there
        }
    }

    @DatabaseTest
    void pagesThroughMatchesAndRejectsBadParameters(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            expected.add(0, id(seed.topic(alice, board, "lupin " + i, i / 2)));
        }

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            List<List<String>> pages = app.idsOfEveryPage("/api/search?q=lupin&limit=3", "posts");
            assertThat(pages).hasSize(3);
            assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(expected);

            app.get("/api/search").assertProblem(400, "Invalid q");
            search(app, "   ", "").assertProblem(400, "Invalid q");
            search(app, "!!! ???", "").assertProblem(400, "Invalid q");
            search(app, "x".repeat(301), "").assertProblem(400, "Invalid q");
            search(app, "a b c d e f g h i j k l m n o p q", "").assertProblem(400, "Invalid q");
            search(app, "lupin", "&limit=0").assertProblem(400, "Invalid limit");
            search(app, "lupin", "&cursor=nope").assertProblem(400, "Invalid cursor");
        }
    }

    private static Response search(RunningAppView app, String q, String more) {
        return app.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
    }

    private static List<String> ids(RunningAppView app, String q) {
        Response response = search(app, q, "");
        assertThat(response.status()).as(q + ": " + response.body()).isEqualTo(200);
        return texts(response.body().path("posts"), "id");
    }

    private static String id(Post post) {
        return post.getId().toString();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
