package space.atbb.db.records;

import java.time.Instant;
import java.util.Objects;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.board} record: where topics are posted, inside {@code category}. */
public record BoardRow(AtUri uri, String cid, Listing listing, AtUri category, Instant createdAt) {
    public BoardRow {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
