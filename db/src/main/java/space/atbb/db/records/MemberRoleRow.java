package space.atbb.db.records;

import java.time.Instant;
import java.util.Objects;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.memberRole} record: the forum of its DID grants {@code subjectDid} a role. */
public record MemberRoleRow(AtUri uri, String cid, String subjectDid, AtUri role, Instant createdAt) {
    public MemberRoleRow {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(subjectDid, "subjectDid");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
