package space.atbb.appview.forum;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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

/** What a front end needs to draw the forum without a request per row: authors, counts, members' posts. */
class ForumListingsTest {

    @DatabaseTest
    void postsCarryTheirAuthorsHandleOrTheDidWhereNoneIsKnown(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        User bob = seed.user("did:plc:bob");
        Post topic = seed.topic(alice, board, "hello", 0);
        seed.reply(bob, topic, "hi", 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response thread = app.get("/api/topics/" + topic.getId());
            assertThat(thread.body().path("topic").path("author").path("did").asText()).isEqualTo("did:plc:alice");
            assertThat(thread.body().path("topic").path("author").path("handle").asText()).isEqualTo("alice.example");
            JsonNode reply = thread.body().path("replies").get(0);
            assertThat(reply.path("author").path("handle").asText()).isEqualTo("did:plc:bob");
            assertThat(reply.path("topicId").asText()).isEqualTo(topic.getId().toString());
            JsonNode listed = app.get("/api/boards/" + board.getId() + "/topics").body().path("topics").get(0);
            assertThat(listed.path("author").path("handle").asText()).isEqualTo("alice.example");
        }
    }

    @DatabaseTest
    void topicsCarryTheirVisibleRepliesCountAndNewestReply(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        User bob = seed.user("did:plc:bob", "bob.example");
        Post busy = seed.topic(alice, board, "busy", 0);
        Post quiet = seed.topic(alice, board, "quiet", 1);
        seed.reply(alice, busy, "first", 2);
        seed.reply(bob, busy, "second", 3);
        seed.hide(seed.reply(alice, busy, "hidden, and newest", 9), true, false);
        seed.hide(seed.reply(alice, busy, "deleted", 8), false, true);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            JsonNode topics = app.get("/api/boards/" + board.getId() + "/topics").body().path("topics");
            JsonNode first = find(topics, busy.getId());
            assertThat(first.path("title").asText()).isEqualTo("busy");
            assertThat(first.path("replyCount").asLong()).isEqualTo(2);
            assertThat(first.path("lastReplyAt").asText()).isEqualTo(ForumSeed.T0.plusSeconds(180).toString());
            assertThat(first.path("lastReplyAuthor").path("handle").asText()).isEqualTo("bob.example");
            JsonNode second = find(topics, quiet.getId());
            assertThat(second.path("replyCount").asLong()).isZero();
            assertThat(second.path("lastReplyAt").isNull()).isTrue();
            assertThat(second.path("lastReplyAuthor").isNull()).isTrue();
        }
    }

    @DatabaseTest
    void boardsCarryTheirTopicAndPostCountsAndLastActivity(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Category category = seed.category("C", 1);
        Board busy = seed.board(category, "busy", 1);
        Board empty = seed.board(category, "empty", 2);
        User alice = seed.user("did:plc:alice");
        Post one = seed.topic(alice, busy, "one", 0);
        seed.topic(alice, busy, "two", 5);
        seed.hide(seed.topic(alice, busy, "hidden", 30), true, false);
        seed.reply(alice, one, "reply", 7);
        seed.hide(seed.reply(alice, one, "hidden reply", 40), false, true);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            JsonNode boards = app.get("/api/categories/" + category.getId() + "/boards").body();
            JsonNode counted = find(boards, busy.getId());
            assertThat(counted.path("topicCount").asLong()).isEqualTo(2);
            assertThat(counted.path("postCount").asLong()).isEqualTo(3);
            assertThat(counted.path("lastActivityAt").asText()).isEqualTo(ForumSeed.T0.plusSeconds(420).toString());
            JsonNode none = find(boards, empty.getId());
            assertThat(none.path("topicCount").asLong()).isZero();
            assertThat(none.path("postCount").asLong()).isZero();
            assertThat(none.path("lastActivityAt").isNull()).isTrue();
            JsonNode page = app.get("/api/boards/" + busy.getId() + "/topics").body();
            assertThat(page.path("board").path("postCount").asLong()).isEqualTo(3);
        }
    }

    @DatabaseTest
    void categoriesIncludeTheirBoardsOnlyWhenAsked(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Category first = seed.category("First", 1);
        Category second = seed.category("Second", 2);
        seed.board(first, "b2", 2);
        seed.board(first, "b1", 1);
        seed.board(second, "c1", 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            JsonNode plain = app.get("/api/categories").body();
            assertThat(plain.get(0).has("boards")).isFalse();
            JsonNode nested = app.get("/api/categories?include=boards").body();
            assertThat(texts(nested, "name")).containsExactly("First", "Second");
            assertThat(texts(nested.get(0).path("boards"), "name")).containsExactly("b1", "b2");
            assertThat(texts(nested.get(1).path("boards"), "name")).containsExactly("c1");
            assertThat(nested.get(0).path("boards").get(0).has("topicCount")).isTrue();
            app.get("/api/categories?include=everything").assertProblem(400, "Invalid include");
        }
    }

    @DatabaseTest
    void pagesThroughAMembersVisiblePostsNewestFirst(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("C", 1), "B", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        User bob = seed.user("did:plc:bob");
        Post topic = seed.topic(bob, board, "bob's", 0);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            expected.add(0, seed.reply(alice, topic, "alice " + i, i).getId().toString());
        }
        seed.hide(seed.reply(alice, topic, "hidden", 10), true, false);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response first = app.get("/api/users/did:plc:alice/posts?limit=3");
            assertThat(first.body().path("user").path("handle").asText()).isEqualTo("alice.example");
            List<List<String>> pages = app.idsOfEveryPage("/api/users/did:plc:alice/posts?limit=3", "posts");
            assertThat(pages).hasSize(2);
            assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(expected);

            app.get("/api/users/did:plc:nobody/posts").assertProblem(404, "User not found");
            app.get("/api/users/not-a-did/posts").assertProblem(400, "Invalid did");
            app.get("/api/users/did:plc:alice/posts?limit=0").assertProblem(400, "Invalid limit");
            app.get("/api/users/did:plc:alice/posts?cursor=x").assertProblem(400, "Invalid cursor");
        }
    }

    private static JsonNode find(JsonNode array, long id) {
        return StreamSupport.stream(array.spliterator(), false)
                .filter(n -> n.path("id").asText().equals(Long.toString(id))).findFirst().orElseThrow();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
