package space.atbb.appview.auth;

import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Map;

/** Reads {@code Authorization: Bearer <token>} and answers 401 unless it names a live session. */
public final class BearerAuth {
    private static final String DID_ATTRIBUTE = "atbb.did";
    private static final String PREFIX = "Bearer ";

    private final Sessions sessions;

    public BearerAuth(Sessions sessions) {
        this.sessions = sessions;
    }

    /** A before-handler: stores the caller's DID on the context or throws a 401. */
    public void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new UnauthorizedResponse("Authentication required",
                    Map.of("authorization", "send 'Authorization: Bearer <token>'; "
                            + "an operator creates one with: appview sessions create --did DID"));
        }
        String did = sessions.verify(header.substring(PREFIX.length()).trim())
                .orElseThrow(() -> new UnauthorizedResponse("Invalid session",
                        Map.of("authorization", "the token is unknown, expired or revoked")));
        ctx.attribute(DID_ATTRIBUTE, did);
    }

    /** The DID that {@link #authenticate} stored. */
    public static String callerDid(Context ctx) {
        String did = ctx.attribute(DID_ATTRIBUTE);
        if (did == null) {
            throw new IllegalStateException("Route " + ctx.path() + " is not behind BearerAuth");
        }
        return did;
    }
}
