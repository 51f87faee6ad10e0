package space.atbb.lexicon;

import java.util.regex.Pattern;

/**
 * A decentralized identifier as the AT Protocol accepts it: {@code did:METHOD:ID}, the method in
 * lower-case letters, the id of letters, digits and {@code . _ : % -}, not ending in {@code :} or
 * {@code %}, at most 2,048 characters. The one rule for every DID atBB reads: configuration,
 * sessions and records alike.
 *
 * <pre>
 * Did forum = Did.of("did:plc:abc123");   // IllegalArgumentException for "alice"
 * if (Did.isValid(value)) { ... }
 * </pre>
 */
public record Did(String value) {
    public static final int MAX_LENGTH = 2048;
    private static final Pattern SYNTAX = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._-]");

    /** @throws IllegalArgumentException when {@code value} is not a DID */
    public Did {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a DID: '" + value + "'. A DID looks like did:plc:abc123.");
        }
    }

    public static Did of(String value) {
        return new Did(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SYNTAX.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
