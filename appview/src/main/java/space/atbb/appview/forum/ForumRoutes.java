package space.atbb.appview.forum;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.http.Params;
import space.atbb.db.search.SearchTerms;

/** The public read API: forum, categories, boards, topics, members' posts, search. No authentication. */
public final class ForumRoutes {
    private final ForumQueries queries;
    private final Optional<String> forumDid;

    public ForumRoutes(ForumQueries queries, Optional<String> forumDid) {
        this.queries = queries;
        this.forumDid = forumDid;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/forum", this::forum);
        routes.get("/api/categories", ctx -> ctx.json(queries.categories(includeBoards(ctx))));
        routes.get("/api/categories/{id}/boards", ctx -> ctx.json(queries.boards(Params.id(ctx, "id"))
                .orElseThrow(() -> notFound("category", ctx))));
        routes.get("/api/boards/{id}/topics", ctx -> {
            long board = Params.id(ctx, "id");
            ctx.json(queries.topics(board, PageRequest.of(ctx)).orElseThrow(() -> notFound("board", ctx)));
        });
        routes.get("/api/topics/{id}", ctx -> {
            long topic = Params.id(ctx, "id");
            ctx.json(queries.topic(topic, PageRequest.of(ctx)).orElseThrow(() -> notFound("topic", ctx)));
        });
        routes.get("/api/users/{did}/posts", ctx -> {
            String did = Params.did(ctx, "did");
            ctx.json(queries.userPosts(did, PageRequest.of(ctx)).orElseThrow(() -> userNotFound(did)));
        });
        routes.get("/api/search", ctx -> {
            SearchTerms terms = Params.search(ctx);
            ctx.json(queries.search(ctx.queryParam("q"), terms, PageRequest.of(ctx)));
        });
    }

    private void forum(Context ctx) {
        String did = forumDid.orElseThrow(() -> new NotFoundResponse("No forum configured",
                Map.of("forum", "this appview has no FORUM_DID; set it to the forum account's DID")));
        ctx.json(queries.forum(did).orElseThrow(() -> new NotFoundResponse("Forum not found",
                Map.of("forum", "no forum record of " + did + " has been indexed yet"))));
    }

    /** {@code ?include=boards} nests each category's boards; no other value is known. */
    public static boolean includeBoards(Context ctx) {
        String include = ctx.queryParam("include");
        if (include == null) {
            return false;
        }
        if (include.equals("boards")) {
            return true;
        }
        throw new BadRequestResponse("Invalid include",
                Map.of("include", "the only value is 'boards', was '" + include + "'"));
    }

    /** A DID no post or membership ever named. */
    public static NotFoundResponse userNotFound(String did) {
        return new NotFoundResponse("User not found", Map.of("did", "no post or membership of " + did + " is indexed"));
    }

    public static NotFoundResponse notFound(String what, Context ctx) {
        return new NotFoundResponse(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " not found",
                Map.of("id", "no " + what + " has id " + ctx.pathParam("id")));
    }
}
