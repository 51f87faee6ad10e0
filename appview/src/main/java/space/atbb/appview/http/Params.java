package space.atbb.appview.http;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import io.javalin.validation.Validator;
import java.util.List;
import java.util.Map;
import space.atbb.db.search.SearchTerms;
import space.atbb.lexicon.Did;

/**
 * Path and query parameters, converted and checked by Javalin's validators. Anything malformed is
 * a {@link ValidationException} carrying the parameter's rule and the value as sent, which
 * {@link ApiErrors} answers as a 400 naming the parameter:
 *
 * <pre>
 * long board = Params.id(ctx, "id");  // /api/boards/abc/topics → 400 "Invalid id"
 * int limit = Params.limit(ctx);      // ?limit=101             → 400 "Invalid limit"
 * </pre>
 */
public final class Params {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_QUERY_CHARS = 300;
    private static final String ID_RULE = "must be a positive integer below 2^63";
    private static final String LIMIT_RULE = "must be an integer from 1 to " + MAX_LIMIT;
    private static final String DID_RULE = "must be a DID such as did:plc:abc123";

    private Params() {
    }

    /** A positive 64-bit id from the path; ids beyond 64 bits can name no row, so they are a 400 too. */
    public static long id(Context ctx, String name) {
        return valid(ctx.pathParamAsClass(name, Long.class).check(id -> id > 0, ID_RULE), name, ID_RULE,
                ctx.pathParam(name));
    }

    /** {@code ?limit=}: {@value #DEFAULT_LIMIT} when absent, else 1 to {@value #MAX_LIMIT}. */
    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        return valid(ctx.queryParamAsClass("limit", Integer.class).check(limit -> limit >= 1 && limit <= MAX_LIMIT,
                LIMIT_RULE), "limit", LIMIT_RULE, raw);
    }

    /** A DID from the path, by the one DID rule ({@link Did}). */
    public static String did(Context ctx, String name) {
        return valid(ctx.pathParamAsClass(name, String.class).check(Did::isValid, DID_RULE), name, DID_RULE,
                ctx.pathParam(name));
    }

    /**
     * {@code ?q=}, a search: words and "quoted phrases", at most {@value #MAX_QUERY_CHARS}
     * characters and {@value SearchTerms#MAX_TERMS} terms, with at least one letter or digit.
     */
    public static SearchTerms search(Context ctx) {
        String raw = ctx.queryParam("q");
        String rule;
        if (raw == null || raw.isBlank()) {
            rule = "is required: the words to look for, or a \"quoted phrase\"";
        } else if (raw.length() > MAX_QUERY_CHARS) {
            rule = "must be at most " + MAX_QUERY_CHARS + " characters";
        } else {
            SearchTerms terms = SearchTerms.parse(raw);
            if (terms.terms().size() > SearchTerms.MAX_TERMS) {
                rule = "must have at most " + SearchTerms.MAX_TERMS + " words or \"phrases\"";
            } else if (terms.isEmpty()) {
                rule = "must contain a letter or digit to look for";
            } else {
                return terms;
            }
        }
        throw invalid("q", rule, raw == null ? "" : raw);
    }

    /** Shortens a client's value for an error message. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * The value, or one error with the rule: Javalin reports a value that does not convert as
     * TYPE_CONVERSION_FAILED, which tells the client less than the rule does.
     */
    private static <T> T valid(Validator<T> validator, String name, String rule, String raw) {
        return validator.getOrThrow(errors -> invalid(name, rule, raw));
    }

    private static ValidationException invalid(String name, String rule, String raw) {
        return new ValidationException(Map.of(name, List.of(new ValidationError<>(rule, Map.of(), raw))));
    }
}
