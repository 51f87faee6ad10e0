package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.MemberRoleRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * {@code space.atbb.forum.memberRole}: the forum grants a member a role. The member's membership
 * shows the newest grant still standing; a role named in the member's own record is never read.
 */
final class MemberRoleHandler extends RecordHandler {
    MemberRoleHandler() {
        super(Nsid.MEMBER_ROLE, true);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        String subject = fields.did("subject");
        AtUri role = fields.strongRef("role", Nsid.ROLE).uri();
        if (!role.did().equals(forum.did())) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "role must be one of the forum's own roles");
        }
        MemberRoleRow grant = new MemberRoleRow(event.uri(), event.cid(), subject, role, fields.datetime("createdAt"));
        return w -> w.put(grant);
    }
}
