package space.atbb.appview.indexer;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Locale;
import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.EventKey;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.appview.indexer.handlers.AccountEvents;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Did;
import space.atbb.lexicon.Nsid;

/** Reads one raw Jetstream line into an {@link Event}, or says why it cannot. */
final class EventParser {
    private final ObjectMapper json = new ObjectMapper();

    /**
     * What one line turned out to be: a commit {@code event}, the {@code accountChange} of an
     * account or identity event, or a rejection with whatever context was readable.
     */
    record Parsed(Event event, Change accountChange, RejectedEvent rejection, EventKey key, long timeUs) {
        static final long NO_TIME = -1;
    }

    Parsed parse(String line) {
        JsonNode tree;
        try {
            tree = json.readTree(line);
        } catch (JacksonException e) {
            return rejected(new RejectedEvent(SkipReason.BAD_JSON, "not valid JSON"), null, Parsed.NO_TIME);
        }
        if (tree == null || !tree.isObject()) {
            return rejected(new RejectedEvent(SkipReason.BAD_JSON, "not a JSON object"), null, Parsed.NO_TIME);
        }
        JsonNode commit = tree.path("commit");
        String kind = textOrNull(tree.get("kind"));
        boolean account = AccountEvents.handles(kind);
        // An account event has no collection: its kind stands there in log lines.
        EventKey key = new EventKey(textOrNull(tree.get("did")),
                account ? "#" + kind : textOrNull(commit.get("collection")), textOrNull(commit.get("rkey")));
        JsonNode time = tree.get("time_us");
        long timeUs = time != null && time.canConvertToLong() && time.isIntegralNumber() ? time.asLong() : Parsed.NO_TIME;
        try {
            checkSender(key, timeUs);
            if (account) {
                return new Parsed(null, AccountEvents.prepare(kind, key.did(), tree.get(kind)), null, key, timeUs);
            }
            return new Parsed(envelope(tree, commit, key, timeUs), null, null, key, timeUs);
        } catch (RejectedEvent e) {
            return rejected(e, key, timeUs);
        }
    }

    private static Parsed rejected(RejectedEvent e, EventKey key, long timeUs) {
        return new Parsed(null, null, e, key, timeUs);
    }

    /** Every kind of event needs its time and its DID. */
    private static void checkSender(EventKey key, long timeUs) throws RejectedEvent {
        if (timeUs < 0) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "time_us must be a non-negative integer");
        }
        if (!Did.isValid(key.did())) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "did must be a DID string such as did:plc:abc123");
        }
    }

    private static Event envelope(JsonNode tree, JsonNode commit, EventKey key, long timeUs) throws RejectedEvent {
        if (!"commit".equals(textOrNull(tree.get("kind")))) {
            throw new RejectedEvent(SkipReason.IGNORED, "not a commit event");
        }
        if (!commit.isObject() || key.collection() == null || key.rkey() == null || key.rkey().isEmpty()) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "commit needs collection and rkey strings");
        }
        if (!key.collection().startsWith(Nsid.PREFIX)) {
            throw new RejectedEvent(SkipReason.IGNORED, "collection outside space.atbb.*");
        }
        Event.Operation operation = operation(textOrNull(commit.get("operation")));
        JsonNode record = operation == Event.Operation.DELETE ? null : commit.get("record");
        return checked(timeUs, key, operation, textOrNull(commit.get("cid")), record);
    }

    /**
     * A record read from the repository {@code repoDid} (its {@code listRecords} answer for
     * {@code collection}), checked as the create event of that repository would be. Its address
     * must name that repository and collection: a PDS cannot speak for another DID.
     */
    Parsed repositoryRecord(String repoDid, String collection, JsonNode entry) {
        String uriText = entry == null ? null : textOrNull(entry.get("uri"));
        AtUri uri = uriText == null ? null : AtUri.tryParse(uriText).orElse(null);
        EventKey key = uri == null ? new EventKey(repoDid, collection, null) : EventKey.of(uri);
        try {
            if (uri == null) {
                throw new RejectedEvent(SkipReason.INVALID_FIELD, "a listed record needs an at:// uri string");
            }
            if (!uri.did().equals(repoDid) || !uri.collection().equals(collection)) {
                throw new RejectedEvent(SkipReason.UNTRUSTED, "listed in " + repoDid + "'s " + collection
                        + " but addressed " + uri);
            }
            return new Parsed(checked(Parsed.NO_TIME, key, Event.Operation.CREATE, textOrNull(entry.get("cid")),
                    entry.get("value")), null, null, key, Parsed.NO_TIME);
        } catch (RejectedEvent e) {
            return rejected(e, key, Parsed.NO_TIME);
        }
    }

    /** The checks a commit and a listed record share, from the operation on. */
    private static Event checked(long timeUs, EventKey key, Event.Operation operation, String cid, JsonNode record)
            throws RejectedEvent {
        if (operation != Event.Operation.DELETE) {
            if (cid == null || cid.isEmpty()) {
                throw new RejectedEvent(SkipReason.INVALID_FIELD, "a create or update needs a cid string");
            }
            if (record == null || !record.isObject()) {
                throw new RejectedEvent(SkipReason.INVALID_FIELD, "a create or update needs a record object");
            }
        }
        if (hasNul(key.did()) || hasNul(key.rkey()) || hasNul(key.collection()) || hasNul(cid) || hasNul(record)) {
            throw new RejectedEvent(SkipReason.NUL_CHARACTER, "a string holds a NUL character (\\u0000)");
        }
        AtUri uri;
        try {
            uri = AtUri.of(key.did(), key.collection(), key.rkey());
        } catch (IllegalArgumentException e) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "commit: " + e.getMessage());
        }
        return new Event(timeUs, uri, operation, cid, record);
    }

    private static Event.Operation operation(String value) throws RejectedEvent {
        if (value != null) {
            switch (value) {
                case "create", "update", "delete" -> {
                    return Event.Operation.valueOf(value.toUpperCase(Locale.ROOT));
                }
                default -> { }
            }
        }
        throw new RejectedEvent(SkipReason.INVALID_FIELD, "operation must be create, update or delete");
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }

    private static boolean hasNul(String value) {
        return value != null && value.indexOf('\0') >= 0;
    }

    /** Any NUL in any string of the record, values and field names alike. */
    private static boolean hasNul(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return hasNul(node.textValue());
        }
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (hasNul(name) || hasNul(node.get(name))) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (hasNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }
}
