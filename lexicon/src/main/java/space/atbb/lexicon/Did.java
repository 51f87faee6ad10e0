package space.atbb.lexicon;

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
    private static final String SCHEME = "did:";

    /** @throws IllegalArgumentException when {@code value} is not a DID */
    public Did {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a DID: '" + value + "'. A DID looks like did:plc:abc123.");
        }
    }

    public static Did of(String value) {
        return new Did(value);
    }

    /**
     * {@code did:[a-z]+:[A-Za-z0-9._:%-]*[A-Za-z0-9._-]}, checked by a loop rather than a regex: it
     * runs for every record address the indexer reads.
     */
    public static boolean isValid(String value) {
        if (value == null || value.length() > MAX_LENGTH || !value.startsWith(SCHEME)) {
            return false;
        }
        int methodEnd = value.indexOf(':', SCHEME.length());
        if (methodEnd <= SCHEME.length() || methodEnd == value.length() - 1) {
            return false;
        }
        for (int i = SCHEME.length(); i < methodEnd; i++) {
            char c = value.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        for (int i = methodEnd + 1; i < value.length(); i++) {
            if (!isIdCharacter(value.charAt(i))) {
                return false;
            }
        }
        char last = value.charAt(value.length() - 1);
        return last != ':' && last != '%';
    }

    private static boolean isIdCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == ':' || c == '%' || c == '-';
    }

    @Override
    public String toString() {
        return value;
    }
}
