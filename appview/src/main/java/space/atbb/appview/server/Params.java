package space.atbb.appview.server;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.util.Map;
import space.atbb.db.search.SearchTerms;

/** Strict parsing of path and query parameters: anything malformed is a 400 naming the parameter. */
public final class Params {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_QUERY_CHARS = 300;

    private Params() {
    }

    /** A positive 64-bit id from the path; ids beyond 64 bits can name no row, so they are a 400 too. */
    public static long id(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (raw.matches("[0-9]{1,19}")) {
            try {
                long id = Long.parseLong(raw);
                if (id > 0) {
                    return id;
                }
            } catch (NumberFormatException tooBig) {
                // Falls through to the 400 below.
            }
        }
        throw new BadRequestResponse("Invalid " + name,
                Map.of(name, "must be a positive integer below 2^63, was '" + abbreviate(raw) + "'"));
    }

    /** {@code ?limit=}: {@value #DEFAULT_LIMIT} when absent, else 1 to {@value #MAX_LIMIT}. */
    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        if (raw.matches("[0-9]{1,3}")) {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw new BadRequestResponse("Invalid limit",
                Map.of("limit", "must be an integer from 1 to " + MAX_LIMIT + ", was '" + abbreviate(raw) + "'"));
    }

    /** A DID from the path, by the rule every DID of atBB follows. */
    public static String did(Context ctx, String name) {
        String raw = ctx.pathParam(name);
        if (raw.length() <= 2048 && raw.matches("did:[a-z]+:[A-Za-z0-9._:%-]+")) {
            return raw;
        }
        throw new BadRequestResponse("Invalid " + name,
                Map.of(name, "must be a DID such as did:plc:abc123, was '" + abbreviate(raw) + "'"));
    }

    /**
     * {@code ?q=}, a search: words and "quoted phrases", at most {@value #MAX_QUERY_CHARS}
     * characters and {@value SearchTerms#MAX_TERMS} terms, with at least one letter or digit.
     */
    public static SearchTerms search(Context ctx) {
        String raw = ctx.queryParam("q");
        String problem;
        if (raw == null || raw.isBlank()) {
            problem = "is required: the words to look for, or a \"quoted phrase\"";
        } else if (raw.length() > MAX_QUERY_CHARS) {
            problem = "must be at most " + MAX_QUERY_CHARS + " characters, was " + raw.length();
        } else {
            SearchTerms terms = SearchTerms.parse(raw);
            if (terms.terms().size() > SearchTerms.MAX_TERMS) {
                problem = "must have at most " + SearchTerms.MAX_TERMS + " words or phrases, had " + terms.terms().size();
            } else if (terms.isEmpty()) {
                problem = "must contain a letter or digit to look for, was '" + abbreviate(raw) + "'";
            } else {
                return terms;
            }
        }
        throw new BadRequestResponse("Invalid q", Map.of("q", problem));
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
