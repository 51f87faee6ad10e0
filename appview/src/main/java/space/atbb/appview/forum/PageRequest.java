package space.atbb.appview.forum;

import io.javalin.http.Context;
import space.atbb.appview.http.Params;

/**
 * Which page of a list a request asks for: {@code ?limit=} and {@code ?cursor=} (null for the
 * first page), checked as every list checks them.
 */
public record PageRequest(PageCursor after, int limit) {
    public static PageRequest of(Context ctx) {
        int limit = Params.limit(ctx);
        return new PageRequest(PageCursor.decode(ctx.queryParam("cursor")), limit);
    }

    /** Past the first page. */
    public boolean continued() {
        return after != null;
    }
}
