package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.db.records.BoardRow;
import space.atbb.db.records.Listing;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** {@code space.atbb.forum.board}: where topics are posted, inside a category. */
final class BoardHandler extends RecordHandler {
    BoardHandler() {
        super(Nsid.BOARD, true);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        Listing listing = Handlers.listing(fields);
        BoardRow board = new BoardRow(event.uri(), event.cid(), listing,
                fields.strongRef("category", Nsid.CATEGORY).uri(), fields.datetime("createdAt"));
        return w -> w.put(board);
    }
}
