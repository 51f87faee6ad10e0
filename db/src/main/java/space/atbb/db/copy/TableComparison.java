package space.atbb.db.copy;

/**
 * One table compared between two databases: row counts and content checksums (SHA-256 over the
 * rows in key order, each value normalised: timestamps as UTC epoch milliseconds, booleans, text
 * as UTF-8 bytes, so both dialects give the same digest for the same content), and the keys of
 * the rows that are missing on one side or differ.
 *
 * @param differingRows     keys present on one side only, or with different values
 * @param firstDifferingKey the smallest such key, or null when the table matches
 * @param lastDifferingKey  the largest such key, or null when the table matches
 */
public record TableComparison(String table, long sourceRows, long targetRows, String sourceChecksum,
                              String targetChecksum, long differingRows, String firstDifferingKey,
                              String lastDifferingKey) {
    public boolean matches() {
        return differingRows == 0 && sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
    }

    /** "posts: keys 17 to 42 differ (3 rows)", or "posts: identical". */
    public String describe() {
        if (matches()) {
            return table + ": identical";
        }
        String range = firstDifferingKey.equals(lastDifferingKey) ? "key " + firstDifferingKey
                : "keys " + firstDifferingKey + " to " + lastDifferingKey;
        return table + ": " + range + " differ (" + differingRows + " row" + (differingRows == 1 ? "" : "s")
                + "; " + sourceRows + " rows in the source, " + targetRows + " in the target)";
    }
}
