package space.atbb.appview.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.DatabaseException;

/**
 * Every error under {@code /api} leaves as one JSON shape, {@code {"title", "status", "details"}}
 * (elsewhere, the same title and details as a web page): Javalin's
 * responses (400, 401, 403, 404 including unknown routes) as they are, an unreachable database as
 * 503, a feature this build lacks as 501, anything else as a 500 whose cause goes to the log only.
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** The body every error response carries. */
    record Problem(String title, int status, Map<String, String> details) {
    }

    /** Shows an error to a person, for the routes outside {@code /api}. */
    interface ErrorPage {
        void render(Context ctx, int status, String title, Map<String, String> details);
    }

    static void register(JavalinConfig cfg, ErrorPage page) {
        ErrorPage any = (ctx, status, title, details) -> {
            if (ctx.path().startsWith("/api/")) {
                respond(ctx, status, title, details);
            } else {
                page.render(ctx, status, title, details);
            }
        };
        cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                any.render(ctx, e.getStatus(), e.getMessage(), e.getDetails()));
        cfg.routes.exception(DatabaseException.class, (e, ctx) -> {
            log.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
            any.render(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), "Database unavailable",
                    Map.of("database", "the database did not answer in time; retry later"));
        });
        cfg.routes.exception(UnsupportedOperationException.class, (e, ctx) ->
                any.render(ctx, HttpStatus.NOT_IMPLEMENTED.getCode(), "Not implemented", Map.of("reason", e.getMessage())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            any.render(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "Internal server error", Map.of());
        });
    }

    static void respond(Context ctx, int status, String title, Map<String, String> details) {
        ctx.status(status).json(new Problem(title, status, new LinkedHashMap<>(details)));
    }
}
