package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.membership} record: its DID joins {@code forum}. The role comes from grants alone. */
public record MembershipRow(AtUri uri, String cid, AtUri forum, Instant createdAt) implements RecordRow {
}
