package space.atbb.db.records;

import java.time.Instant;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.memberRole} record: the forum of its DID grants {@code subjectDid} a role. */
public record MemberRoleRow(AtUri uri, String cid, String subjectDid, AtUri role, Instant createdAt) implements RecordRow {
}
