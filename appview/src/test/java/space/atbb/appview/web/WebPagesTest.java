package space.atbb.appview.web;

import static org.assertj.core.api.Assertions.assertThat;

import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Page;
import space.atbb.db.Database;
import space.atbb.db.schema.Board;
import space.atbb.db.schema.Post;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseTest;

/** The pages as HTTP sees them: statuses, headers, escaping in the markup itself. */
class WebPagesTest {

    @DatabaseTest
    void everyPageIsHtmlWithAPolicyThatAllowsNoScript(Database db) {
        ForumSeed seed = new ForumSeed(db);
        seed.forum("Gardeners", "A forum");
        Board board = seed.board(seed.category("Plants", 1), "Roses", 1);
        User alice = seed.user("did:plc:alice", "alice.example");
        Post topic = seed.topic(alice, board, "Pruning", 0);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            for (String path : new String[] {"/", "/boards/" + board.getId(), "/topics/" + topic.getId(),
                    "/users/did:plc:alice", "/search?q=pruning", "/search"}) {
                Page page = app.page(path);
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(page.contentType()).as(path).startsWith("text/html");
                assertThat(page.contentSecurityPolicy()).as(path).isEqualTo(WebPages.CONTENT_SECURITY_POLICY)
                        .contains("default-src 'none'").doesNotContain("unsafe-inline").doesNotContain("script-src");
                assertThat(page.body()).as(path).startsWith("<!doctype html>").contains("<title>")
                        .doesNotContain("<script");
            }
            Page css = app.page("/static/atbb.css");
            assertThat(css.status()).isEqualTo(200);
            assertThat(css.contentType()).startsWith("text/css");
            assertThat(app.page("/topics/" + topic.getId()).body())
                    .contains("<time datetime=\"" + ForumSeed.T0 + "\">1 Nov 2026, 10:00 UTC</time>");
        }
    }

    @DatabaseTest
    void unknownIdsAreA404PageAndBadParametersA400PageWhileTheApiStaysJson(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Board board = seed.board(seed.category("Plants", 1), "Roses", 1);
        Post hidden = seed.hide(seed.topic(seed.user("did:plc:alice"), board, "gone", 0), true, false);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            assertErrorPage(app.page("/boards/424242"), 404, "Board not found");
            assertErrorPage(app.page("/topics/" + hidden.getId()), 404, "Topic not found");
            assertErrorPage(app.page("/users/did:plc:nobody"), 404, "User not found");
            assertErrorPage(app.page("/no/such/page"), 404, "Endpoint GET /no/such/page not found");
            assertErrorPage(app.page("/boards/abc"), 400, "Invalid id");
            assertErrorPage(app.page("/boards/" + board.getId() + "?limit=1000"), 400, "Invalid limit");
            assertErrorPage(app.page("/boards/" + board.getId() + "?cursor=forged"), 400, "Invalid cursor");
            assertErrorPage(app.page("/users/nobody"), 400, "Invalid did");
            assertErrorPage(app.page("/search?q=%22%22"), 400, "Invalid q");

            Page api = app.page("/api/boards/424242/topics");
            assertThat(api.status()).isEqualTo(404);
            assertThat(api.contentType()).startsWith("application/json");
            assertThat(app.page("/api/no/such/route").contentType()).startsWith("application/json");
        }
    }

    @DatabaseTest
    void recordTextIsEscapedInTheMarkup(Database db) {
        ForumSeed seed = new ForumSeed(db);
        seed.forum("<b>Forum</b>", "\"><script>alert(1)</script>");
        Board board = seed.describe(seed.board(seed.category("<i>cat</i>", 1), "<img src=x onerror=alert(1)>", 1),
                "' onmouseover='alert(1)");
        User mallory = seed.user("did:plc:mallory", "<script>alert('handle')</script>");
        Post topic = seed.topic(mallory, board, "<script>alert('title')</script>", 0);
        seed.reply(mallory, topic, "<img src=x onerror=alert('text')> & \"quoted\"", 1);

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            String all = app.page("/").body() + app.page("/boards/" + board.getId()).body()
                    + app.page("/topics/" + topic.getId()).body() + app.page("/users/did:plc:mallory").body()
                    + app.page("/search?q=alert").body();
            assertThat(all).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>")
                    .doesNotContain("<i>").doesNotContain("' onmouseover");
            assertThat(all).contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
                    .contains("&lt;img src=x onerror=alert(&#39;text&#39;)&gt; &amp; &quot;quoted&quot;")
                    .contains("&lt;b&gt;Forum&lt;/b&gt;");
        }
    }

    private static void assertErrorPage(Page page, int status, String title) {
        assertThat(page.status()).as(page.body()).isEqualTo(status);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.contentSecurityPolicy()).isEqualTo(WebPages.CONTENT_SECURITY_POLICY);
        assertThat(page.body()).contains("<h1>" + title).contains("Error " + status);
    }
}
