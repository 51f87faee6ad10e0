package space.atbb.appview.indexer.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import space.atbb.lexicon.Did;
import space.atbb.lexicon.StrongRef;

/**
 * Typed, checked reads of a record's fields. Every failure is a {@link RejectedEvent} naming the
 * field, so a handler validates the whole record before it writes anything.
 */
public final class RecordFields {
    private final JsonNode record;

    public RecordFields(JsonNode record) {
        this.record = record;
    }

    public String text(String field) throws RejectedEvent {
        String value = optionalText(field);
        if (value == null) {
            throw invalid(field + " is required and must be a string");
        }
        return value;
    }

    /**
     * A string of at most {@code maxChars} characters, counted as Unicode code points (what a
     * person counts as characters; an emoji is one, not two UTF-16 units).
     */
    public String text(String field, int maxChars) throws RejectedEvent {
        String value = text(field);
        if (value.length() > maxChars && value.codePointCount(0, value.length()) > maxChars) {
            throw new RejectedEvent(SkipReason.TEXT_TOO_LONG, field + " is longer than " + maxChars + " characters");
        }
        return value;
    }

    public String optionalText(String field) throws RejectedEvent {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return node.textValue();
    }

    public Integer optionalInt(String field) throws RejectedEvent {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw invalid(field + " must be a 32-bit integer");
        }
        return node.intValue();
    }

    public int integer(String field) throws RejectedEvent {
        Integer value = optionalInt(field);
        if (value == null) {
            throw invalid(field + " is required and must be an integer");
        }
        return value;
    }

    /** An RFC 3339 datetime, kept to the millisecond (what SQLite stores) on both dialects. */
    public Instant datetime(String field) throws RejectedEvent {
        Instant value = optionalDatetime(field);
        if (value == null) {
            throw invalid(field + " is required and must be an RFC 3339 datetime");
        }
        return value;
    }

    public Instant optionalDatetime(String field) throws RejectedEvent {
        String value = optionalText(field);
        if (value == null) {
            return null;
        }
        OffsetDateTime parsed;
        try {
            parsed = OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an RFC 3339 datetime");
        }
        // RFC 3339 years have four digits; beyond them PostgreSQL and epoch milliseconds overflow.
        if (parsed.getYear() < 1 || parsed.getYear() > 9999) {
            throw invalid(field + " must be a datetime between the years 0001 and 9999");
        }
        return parsed.toInstant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A strongRef {@code {"uri", "cid"}} to a record of {@code collection}. */
    public StrongRef strongRef(String field, String collection) throws RejectedEvent {
        StrongRef ref = optionalStrongRef(field, collection);
        if (ref == null) {
            throw invalid(field + " is required and must be a strongRef {uri, cid}");
        }
        return ref;
    }

    public StrongRef optionalStrongRef(String field, String collection) throws RejectedEvent {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        return new RecordFields(node).refIn(field, collection);
    }

    /** A nested object, for fields such as a reply's {@code {root, parent}}. */
    public RecordFields object(String field) throws RejectedEvent {
        JsonNode node = record.get(field);
        if (node == null || !node.isObject()) {
            throw invalid(field + " must be an object");
        }
        return new RecordFields(node);
    }

    public boolean has(String field) {
        JsonNode node = record.get(field);
        return node != null && !node.isNull();
    }

    /** The distinct strings of a required array, in their first-seen order, byte for byte. */
    public Set<String> strings(String field) throws RejectedEvent {
        JsonNode node = record.get(field);
        if (node == null || !node.isArray()) {
            throw invalid(field + " is required and must be an array of strings");
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw invalid(field + " must hold only strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    public String did(String field) throws RejectedEvent {
        String value = text(field);
        if (!Did.isValid(value)) {
            throw invalid(field + " must be a DID such as did:plc:abc123");
        }
        return value;
    }

    private StrongRef refIn(String field, String collection) throws RejectedEvent {
        if (!record.isObject() || !record.path("uri").isTextual() || !record.path("cid").isTextual()) {
            throw invalid(field + " must be a strongRef {uri, cid}");
        }
        StrongRef ref;
        try {
            ref = StrongRef.of(record.get("uri").textValue(), record.get("cid").textValue());
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
        if (!ref.uri().collection().equals(collection)) {
            throw invalid(field + ".uri must point to a " + collection + " record");
        }
        return ref;
    }

    private static RejectedEvent invalid(String detail) {
        return new RejectedEvent(SkipReason.INVALID_FIELD, detail);
    }
}
