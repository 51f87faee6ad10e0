package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.db.records.MembershipRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * {@code space.atbb.membership}: a member joins the forum. Anyone may write one; any role field in
 * it is ignored, the role comes from the forum's memberRole grants alone.
 */
final class MembershipHandler extends RecordHandler {
    MembershipHandler() {
        super(Nsid.MEMBERSHIP, false);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        Handlers.requireOurs(fields.strongRef("forum", Nsid.FORUM).uri(), forum);
        MembershipRow membership = new MembershipRow(event.uri(), event.cid(), forum, fields.datetime("createdAt"));
        return w -> w.put(membership);
    }
}
