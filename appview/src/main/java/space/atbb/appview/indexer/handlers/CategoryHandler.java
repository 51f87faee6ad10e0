package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.db.records.CategoryRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** {@code space.atbb.forum.category}: a group of boards. */
final class CategoryHandler extends RecordHandler {
    CategoryHandler() {
        super(Nsid.CATEGORY, true);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        CategoryRow category = new CategoryRow(event.uri(), event.cid(), Handlers.listing(fields),
                fields.datetime("createdAt"));
        return w -> w.put(category);
    }
}
