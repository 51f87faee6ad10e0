package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.board} record: where topics are posted, inside {@code category}. */
public record BoardRow(AtUri uri, String cid, Listing listing, AtUri category, Instant createdAt) implements RecordRow {
}
