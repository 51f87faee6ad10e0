package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.ForumRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** {@code space.atbb.forum.forum}, rkey {@code self}: the forum's name and description. */
final class ForumHandler extends RecordHandler {
    static final int MAX_NAME_CHARS = 300;

    ForumHandler() {
        super(Nsid.FORUM, true);
    }

    @Override
    protected void checkKey(String rkey) throws RejectedEvent {
        if (!rkey.equals(Nsid.FORUM_RKEY)) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "a forum record's rkey must be " + Nsid.FORUM_RKEY);
        }
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        String name = fields.text("name", MAX_NAME_CHARS);
        String description = fields.optionalText("description");
        fields.datetime("createdAt");
        ForumRow row = new ForumRow(event.uri(), event.cid(), name, description);
        return w -> w.put(row);
    }
}
