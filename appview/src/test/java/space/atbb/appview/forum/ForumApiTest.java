package space.atbb.appview.forum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Category;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseTest;

class ForumApiTest {

    @DatabaseTest
    void servesTheForumItsCategoriesAndTheirBoards(Database db) {
        ForumSeed seed = new ForumSeed(db);
        seed.forum("Gardening");
        Category later = seed.category("Later", 2);
        Category first = seed.category("First", 1);
        seed.category("Unsorted", null);
        Board b2 = seed.board(first, "Roses", 2);
        Board b1 = seed.board(first, "Tulips", 1);
        seed.board(later, "Elsewhere", 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response forum = app.get("/api/forum");
            assertThat(forum.status()).isEqualTo(200);
            assertThat(forum.body().path("name").asText()).isEqualTo("Gardening");
            assertThat(forum.body().path("uri").asText()).isEqualTo("at://did:plc:forum/space.atbb.forum.forum/self");

            Response categories = app.get("/api/categories");
            assertThat(texts(categories.body(), "name")).containsExactly("First", "Later", "Unsorted");
            assertThat(categories.body().get(0).path("id").isTextual()).isTrue();

            Response boards = app.get("/api/categories/" + first.getId() + "/boards");
            assertThat(boards.status()).isEqualTo(200);
            assertThat(texts(boards.body(), "id")).containsExactly(b1.getId().toString(), b2.getId().toString());
            assertThat(boards.body().get(0).path("categoryId").asText()).isEqualTo(first.getId().toString());
        }
    }

    @DatabaseTest
    void forumIsNotFoundWithoutForumDidOrRecord(Database db) {
        try (RunningAppView unconfigured = RunningAppView.start(db, null);
             RunningAppView configured = RunningAppView.start(db, "did:plc:nobody")) {
            unconfigured.get("/api/forum").assertProblem(404, "No forum configured");
            configured.get("/api/forum").assertProblem(404, "Forum not found");
        }
    }

    @DatabaseTest
    void pagesThroughTopicsNewestFirstWithoutLossOrRepeat(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Two topics share each timestamp, so the id must break ties; newest first is reverse order.
            expected.add(0, seed.topic(alice, board, "topic " + i, i / 2).getId().toString());
        }

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            List<List<String>> pages = app.idsOfEveryPage("/api/boards/" + board.getId() + "/topics?limit=3", "topics");
            assertThat(pages).hasSize(3);
            assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(expected);
        }
    }

    @DatabaseTest
    void servesATopicWithItsRepliesOldestFirstInPages(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        Post topic = seed.topic(alice, board, "Hello", 0);
        List<String> replies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            replies.add(seed.reply(alice, topic, "reply " + i, i).getId().toString());
        }

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response first = app.get("/api/topics/" + topic.getId() + "?limit=2");
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().path("topic").path("title").asText()).isEqualTo("Hello");
            assertThat(texts(first.body().path("replies"), "id")).containsExactlyElementsOf(replies.subList(0, 2));
            Response rest = app.get("/api/topics/" + topic.getId() + "?limit=100&cursor="
                    + first.body().path("cursor").asText());
            assertThat(texts(rest.body().path("replies"), "id")).containsExactlyElementsOf(replies.subList(2, 5));
            assertThat(rest.body().path("cursor").isNull()).isTrue();
            assertThat(rest.body().path("topic").path("id").asText()).isEqualTo(topic.getId().toString());
        }
    }

    @DatabaseTest
    void hidesPostsBannedByAModeratorOrDeletedByTheirAuthor(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        Post visible = seed.topic(alice, board, "visible", 0);
        Post banned = seed.hide(seed.topic(alice, board, "banned", 1), true, false);
        Post deleted = seed.hide(seed.topic(alice, board, "deleted", 2), false, true);
        Post keptReply = seed.reply(alice, visible, "kept", 3);
        seed.hide(seed.reply(alice, visible, "banned reply", 4), true, false);
        seed.hide(seed.reply(alice, visible, "deleted reply", 5), false, true);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(texts(app.get("/api/boards/" + board.getId() + "/topics").body().path("topics"), "title"))
                    .containsExactly("visible");
            assertThat(texts(app.get("/api/topics/" + visible.getId()).body().path("replies"), "id"))
                    .containsExactly(keptReply.getId().toString());
            app.get("/api/topics/" + banned.getId()).assertProblem(404, "Topic not found");
            app.get("/api/topics/" + deleted.getId()).assertProblem(404, "Topic not found");
            app.get("/api/topics/" + keptReply.getId()).assertProblem(404, "Topic not found");
        }
    }

    @DatabaseTest
    void aReplyWaitingForItsRootIsNoTopic(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice");
        Post topic = seed.topic(alice, board, "a topic", 0);
        Post parked = seed.parkedReply(alice, "at://did:plc:bob/space.atbb.post/not-indexed-yet", board, "early", 1);
        assertThat(parked.getRootPostId()).isNull();

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertThat(texts(app.get("/api/boards/" + board.getId() + "/topics").body().path("topics"), "id"))
                    .containsExactly(topic.getId().toString());
            app.get("/api/topics/" + parked.getId()).assertProblem(404, "Topic not found");
        }
    }

    @DatabaseTest
    void returnsSqlLookingTextLiterally(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User bobby = seed.user("did:plc:bobby");
        String sql = "Robert'); DROP TABLE posts; -- \" OR 1=1 /*";
        Post topic = seed.topic(bobby, board, sql, 0);
        seed.reply(bobby, topic, sql, 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response thread = app.get("/api/topics/" + topic.getId());
            assertThat(thread.body().path("topic").path("title").asText()).isEqualTo(sql);
            assertThat(thread.body().path("replies").get(0).path("text").asText()).isEqualTo(sql);
            assertThat(app.get("/api/boards/" + board.getId() + "/topics").body().path("topics")).hasSize(1);
        }
    }

    @DatabaseTest
    void answersBadRequestsWithTheRightStatusAndOneJsonShape(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        String topics = "/api/boards/" + board.getId() + "/topics";

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            app.get("/api/topics/abc").assertProblem(400, "Invalid id");
            app.get("/api/topics/-1").assertProblem(400, "Invalid id");
            app.get("/api/topics/0").assertProblem(400, "Invalid id");
            app.get("/api/topics/99999999999999999999").assertProblem(400, "Invalid id");
            app.get("/api/categories/1e3/boards").assertProblem(400, "Invalid id");
            app.get("/api/topics/9223372036854775807").assertProblem(404, "Topic not found");
            app.get("/api/boards/424242/topics").assertProblem(404, "Board not found");
            app.get("/api/categories/424242/boards").assertProblem(404, "Category not found");
            app.get(topics + "?limit=-1").assertProblem(400, "Invalid limit");
            app.get(topics + "?limit=0").assertProblem(400, "Invalid limit");
            app.get(topics + "?limit=101").assertProblem(400, "Invalid limit");
            app.get(topics + "?limit=99999999999999999999").assertProblem(400, "Invalid limit");
            app.get(topics + "?limit=ten").assertProblem(400, "Invalid limit");
            // The rule and the value as sent, whichever check refused it.
            assertThat(app.get("/api/topics/abc").body().path("details").path("id").asText())
                    .isEqualTo("must be a positive integer below 2^63, was 'abc'");
            assertThat(app.get(topics + "?limit=0").body().path("details").path("limit").asText())
                    .isEqualTo("must be an integer from 1 to 100, was '0'");
            app.get(topics + "?cursor=not-a-cursor").assertProblem(400, "Invalid cursor");
            app.get(topics + "?cursor=%27%3B%20DROP%20TABLE%20posts").assertProblem(400, "Invalid cursor");
            app.get(topics + "?cursor=" + new PageCursor(ForumSeed.T0, 5).encode() + "x")
                    .assertProblem(400, "Invalid cursor");
            app.get("/api/topics/1?cursor=MTo6").assertProblem(400, "Invalid cursor");
            // Well-formed, but around the years -29719 and 33658: no datetime the schema holds.
            for (long seconds : new long[] {-999_999_999_999L, 999_999_999_999L}) {
                String extreme = new PageCursor(Instant.ofEpochSecond(seconds), 5).encode();
                app.get(topics + "?cursor=" + extreme).assertProblem(400, "Invalid cursor");
                app.get("/api/topics/1?cursor=" + extreme).assertProblem(400, "Invalid cursor");
            }
            for (Instant bound : new Instant[] {PageCursor.EARLIEST, PageCursor.LATEST}) {
                String edge = new PageCursor(bound, 5).encode();
                assertThat(app.get(topics + "?cursor=" + edge).status()).isEqualTo(200);
            }
            app.get("/api/no/such/route").assertProblem(404, "not found");
            assertThat(app.get(topics + "?limit=100").status()).isEqualTo(200);
        }
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
