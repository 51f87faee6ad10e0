package space.atbb.appview.forum;

import io.javalin.http.BadRequestResponse;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page ended: the last row's sort key and id, for keyset pagination. Clients see it as
 * an opaque base64url string; anything that does not decode to this exact shape is a 400.
 */
public record PageCursor(Instant key, long id) {
    private static final Pattern SHAPE = Pattern.compile("1:(-?[0-9]{1,12}):([0-9]{1,9}):([0-9]{1,19})");
    /**
     * Keys are record datetimes, which the indexer keeps to the years 0001-9999 at any offset.
     * A well-formed key outside them is forged, and PostgreSQL would fail on it (a 500).
     */
    static final Instant EARLIEST = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.MAX).toInstant();
    static final Instant LATEST = OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.MIN).toInstant();

    public String encode() {
        String plain = "1:" + key.getEpochSecond() + ":" + key.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor of {@code ?cursor=}, or null for the first page. */
    public static PageCursor decode(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            if (raw.length() <= 80 && raw.matches("[A-Za-z0-9_-]+")) {
                String plain = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.US_ASCII);
                Matcher m = SHAPE.matcher(plain);
                if (m.matches()) {
                    Instant key = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
                    long id = Long.parseLong(m.group(3));
                    if (id > 0 && !key.isBefore(EARLIEST) && !key.isAfter(LATEST)) {
                        return new PageCursor(key, id);
                    }
                }
            }
        } catch (IllegalArgumentException | DateTimeException garbled) {
            // Not base64url, or numbers out of range: the 400 below.
        }
        throw new BadRequestResponse("Invalid cursor",
                Map.of("cursor", "pass back the cursor of a previous page unchanged, or omit it for the first page"));
    }
}
