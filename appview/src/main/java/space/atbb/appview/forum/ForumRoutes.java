package space.atbb.appview.forum;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.http.Params;

/** The public read API: forum, categories, boards, topics. No authentication. */
public final class ForumRoutes {
    private final ForumQueries queries;
    private final Optional<String> forumDid;

    public ForumRoutes(ForumQueries queries, Optional<String> forumDid) {
        this.queries = queries;
        this.forumDid = forumDid;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/forum", this::forum);
        routes.get("/api/categories", ctx -> ctx.json(queries.categories()));
        routes.get("/api/categories/{id}/boards", ctx -> ctx.json(queries.boards(Params.id(ctx, "id"))
                .orElseThrow(() -> notFound("category", ctx))));
        routes.get("/api/boards/{id}/topics", ctx -> {
            long board = Params.id(ctx, "id");
            int limit = Params.limit(ctx);
            PageCursor after = PageCursor.decode(ctx.queryParam("cursor"));
            ctx.json(queries.topics(board, after, limit).orElseThrow(() -> notFound("board", ctx)));
        });
        routes.get("/api/topics/{id}", ctx -> {
            long topic = Params.id(ctx, "id");
            int limit = Params.limit(ctx);
            PageCursor after = PageCursor.decode(ctx.queryParam("cursor"));
            ctx.json(queries.topic(topic, after, limit).orElseThrow(() -> notFound("topic", ctx)));
        });
    }

    private void forum(Context ctx) {
        String did = forumDid.orElseThrow(() -> new NotFoundResponse("No forum configured",
                Map.of("forum", "this appview has no FORUM_DID; set it to the forum account's DID")));
        ctx.json(queries.forum(did).orElseThrow(() -> new NotFoundResponse("Forum not found",
                Map.of("forum", "no forum record of " + did + " has been indexed yet"))));
    }

    private static NotFoundResponse notFound(String what, Context ctx) {
        return new NotFoundResponse(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found",
                Map.of("id", "no " + what + " has id " + ctx.pathParam("id")));
    }
}
