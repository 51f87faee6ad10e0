package space.atbb.appview.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.forum.ForumQueries;
import space.atbb.appview.forum.ForumRoutes;
import space.atbb.appview.forum.PageRequest;
import space.atbb.appview.forum.Views.ForumView;
import space.atbb.appview.http.Params;
import space.atbb.db.search.SearchTerms;

/**
 * The forum as web pages, server-rendered on the API's port: {@code /}, {@code /boards/{id}},
 * {@code /topics/{id}}, {@code /users/{did}}, {@code /search?q=}. They read through the same
 * {@link ForumQueries} as the JSON API, with the same parameters and the same errors, shown as
 * pages ({@link #error}).
 *
 * <pre>
 * WebPages pages = new WebPages(queries, config.forumDid());
 * Javalin.create(cfg -> pages.register(cfg));
 * </pre>
 */
public final class WebPages {
    /**
     * No script runs on any page, inline or not: an escaping mistake then shows text instead of
     * running it. Styles come from this server only; forms post only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self';"
            + " form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final String DEFAULT_NAME = "atBB forum";

    private final ForumQueries queries;
    private final Optional<String> forumDid;
    private final Templates templates = new Templates();

    public WebPages(ForumQueries queries, Optional<String> forumDid) {
        this.queries = queries;
        this.forumDid = forumDid;
    }

    public void register(JavalinConfig cfg) {
        cfg.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/web/static";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=3600");
        });
        cfg.routes.get("/", ctx -> page(ctx, "home", Map.of("categories", queries.categories(true))));
        cfg.routes.get("/boards/{id}", ctx -> page(ctx, "board", Map.of("page",
                queries.topics(Params.id(ctx, "id"), PageRequest.of(ctx))
                        .orElseThrow(() -> ForumRoutes.notFound("board", ctx)))));
        cfg.routes.get("/topics/{id}", ctx -> page(ctx, "topic", Map.of("thread",
                queries.topic(Params.id(ctx, "id"), PageRequest.of(ctx))
                        .orElseThrow(() -> ForumRoutes.notFound("topic", ctx)))));
        cfg.routes.get("/users/{did}", ctx -> {
            String did = Params.did(ctx, "did");
            page(ctx, "user", Map.of("page", queries.userPosts(did, PageRequest.of(ctx))
                    .orElseThrow(() -> ForumRoutes.userNotFound(did))));
        });
        cfg.routes.get("/search", ctx -> {
            if (ctx.queryParam("q") == null) {
                page(ctx, "search", Map.of()); // the form alone
                return;
            }
            SearchTerms terms = Params.search(ctx);
            page(ctx, "search", Map.of("results", queries.search(ctx.queryParam("q"), terms, PageRequest.of(ctx))));
        });
    }

    /**
     * An error as a page, for every route outside {@code /api}: the same title and details as the
     * JSON error, and the same status.
     */
    public void error(Context ctx, int status, String title, Map<String, String> details) {
        ctx.status(status);
        // No forum lookup: the error may be that the database does not answer.
        render(ctx, "error", Map.of("status", status, "title", title, "details", new LinkedHashMap<>(details)), null);
    }

    private void page(Context ctx, String template, Map<String, Object> model) {
        render(ctx, template, model, forumDid.flatMap(queries::forum).orElse(null));
    }

    private void render(Context ctx, String template, Map<String, Object> model, ForumView forum) {
        Map<String, Object> all = new HashMap<>(model);
        all.put("forum", forum);
        all.put("siteName", forum == null ? DEFAULT_NAME : forum.name());
        all.put("q", ctx.queryParam("q"));
        all.put("continued", ctx.queryParam("cursor") != null);
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.html(templates.render(template, all));
    }
}
