package space.atbb.appview.indexer.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;
import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.AccountStatus;

/**
 * Jetstream's {@code account} and {@code identity} events, from any DID (an account's host
 * speaks for it). Like a record handler, each reads and checks the event first and returns the
 * writes.
 *
 * <pre>
 * {"did":"did:plc:bob","time_us":1,"kind":"account","account":{"active":false,"did":"did:plc:bob","status":"takendown"}}
 * {"did":"did:plc:bob","time_us":2,"kind":"identity","identity":{"did":"did:plc:bob","handle":"bob.example"}}
 * </pre>
 */
public final class AccountEvents {
    public static final String ACCOUNT = "account";
    public static final String IDENTITY = "identity";
    /** The AT Protocol handle syntax: DNS labels, the last not starting with a digit, 253 characters at most. */
    private static final Pattern HANDLE = Pattern.compile(
            "^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$");
    private static final int MAX_HANDLE = 253;

    private AccountEvents() {
    }

    /** Whether a Jetstream event of this {@code kind} is one of these. */
    public static boolean handles(String kind) {
        return ACCOUNT.equals(kind) || IDENTITY.equals(kind);
    }

    /** The writes of the event of that kind, about {@code did}, with its body (the object named like the kind). */
    public static Change prepare(String kind, String did, JsonNode body) throws RejectedEvent {
        if (body == null || !body.isObject()) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "an " + kind + " event needs an " + kind + " object");
        }
        JsonNode inner = body.get("did");
        if (inner != null && !did.equals(inner.asText())) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, kind + ".did must be the event's did");
        }
        return ACCOUNT.equals(kind) ? account(did, body) : identity(did, body);
    }

    private static Change account(String did, JsonNode body) throws RejectedEvent {
        JsonNode active = body.get("active");
        if (active == null || !active.isBoolean()) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "account.active must be true or false");
        }
        JsonNode statusNode = body.get("status");
        String status = statusNode != null && statusNode.isTextual() ? statusNode.textValue() : null;
        AccountStatus state = AccountStatus.of(active.booleanValue(), status).orElseThrow(() -> new RejectedEvent(
                SkipReason.INVALID_FIELD, "an inactive account's status must be deleted, takendown, suspended"
                        + " or deactivated"));
        return w -> w.accountStatus(did, state);
    }

    /** No handle (or none that verifies) clears it: the account is then shown by its DID. */
    private static Change identity(String did, JsonNode body) throws RejectedEvent {
        JsonNode handleNode = body.get("handle");
        String handle = null;
        if (handleNode != null && !handleNode.isNull()) {
            if (!handleNode.isTextual() || handleNode.textValue().length() > MAX_HANDLE
                    || !HANDLE.matcher(handleNode.textValue()).matches()) {
                throw new RejectedEvent(SkipReason.INVALID_FIELD, "identity.handle must be a handle such as alice.example");
            }
            handle = handleNode.textValue().toLowerCase(Locale.ROOT); // handles are case-insensitive
        }
        String stored = handle;
        return w -> w.handle(did, stored);
    }
}
