package space.atbb.db.records;

import java.time.Instant;
import java.util.Objects;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.membership} record: its DID joins {@code forum}. The role comes from grants alone. */
public record MembershipRow(AtUri uri, String cid, AtUri forum, Instant createdAt) {
    public MembershipRow {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(forum, "forum");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
