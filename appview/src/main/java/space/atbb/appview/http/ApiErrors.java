package space.atbb.appview.http;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.DatabaseException;

/**
 * Every error under {@code /api/} leaves as one JSON shape, {@link Problem} (elsewhere, as the
 * {@link ErrorPage} shows it to a person, with the same status, title and details): Javalin's responses (400, 401, 403, 404
 * including unknown routes) as they are, a failed validation as a 400 naming the parameter, a
 * database that cannot be reached or has no free connection as 503, anything else as a 500 whose cause goes to the log only.
 *
 * <pre>
 * Javalin.create(cfg -&gt; ApiErrors.register(cfg, pages::error));
 * </pre>
 */
public final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** The body every error response carries: {@code {"title", "status", "details"}}. */
    public record Problem(String title, int status, Map<String, String> details) {
    }

    /** Shows an error to a person, on the routes outside {@code /api/}. */
    public interface ErrorPage {
        void render(Context ctx, int status, String title, Map<String, String> details);
    }

    public static void register(JavalinConfig cfg, ErrorPage page) {
        ErrorPage any = (ctx, status, title, details) -> {
            if (ctx.path().startsWith("/api/")) {
                respond(ctx, status, title, details);
            } else {
                page.render(ctx, status, title, details);
            }
        };
        cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                any.render(ctx, e.getStatus(), e.getMessage(), e.getDetails()));
        cfg.routes.exception(ValidationException.class, (e, ctx) -> {
            Map.Entry<String, List<ValidationError<Object>>> field = e.getErrors().entrySet().iterator().next();
            ValidationError<Object> error = field.getValue().get(0);
            any.render(ctx, HttpStatus.BAD_REQUEST.getCode(), "Invalid " + field.getKey(), Map.of(field.getKey(),
                    error.getMessage() + ", was '" + Params.abbreviate(String.valueOf(error.value)) + "'"));
        });
        cfg.routes.exception(DatabaseException.class, (e, ctx) -> {
            log.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.getMessage());
            if (e.kind() == DatabaseException.Kind.UNREACHABLE) {
                any.render(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), "Database unreachable",
                        Map.of("database", "the database server cannot be reached; check that it is running and that"
                                + " DATABASE_URL points at it. Requests succeed again once it answers."));
            } else {
                any.render(ctx, HttpStatus.SERVICE_UNAVAILABLE.getCode(), "Database unavailable",
                        Map.of("database", "the database did not answer in time; retry later"));
            }
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            any.render(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(), "Internal server error", Map.of());
        });
    }

    public static void respond(Context ctx, int status, String title, Map<String, String> details) {
        ctx.status(status).json(new Problem(title, status, new LinkedHashMap<>(details)));
    }
}
