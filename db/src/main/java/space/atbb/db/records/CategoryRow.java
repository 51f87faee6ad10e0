package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.category} record: a group of boards in the forum of its DID. */
public record CategoryRow(AtUri uri, String cid, Listing listing, Instant createdAt) implements RecordRow {
}
