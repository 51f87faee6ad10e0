package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.PostRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;
import space.atbb.lexicon.StrongRef;

/**
 * {@code space.atbb.post}: a topic (with {@code board}) or a reply (with {@code reply.root} and
 * {@code reply.parent}). A reference to a record not indexed yet is parked by the record writer
 * and filled in when the target arrives.
 */
final class PostHandler extends RecordHandler {
    static final int MAX_TEXT_CHARS = 3000;

    PostHandler() {
        super(Nsid.POST, false);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        String text = fields.text("text", MAX_TEXT_CHARS);
        String title = fields.optionalText("title");
        Handlers.requireOurs(fields.strongRef("forum", Nsid.FORUM).uri(), forum);
        StrongRef boardRef = fields.optionalStrongRef("board", Nsid.BOARD);
        AtUri board = boardRef == null ? null : boardRef.uri();
        if (board != null && !board.did().equals(forum.did())) {
            throw new RejectedEvent(SkipReason.OTHER_FORUM, "board " + board + " is not one of the forum's boards");
        }
        AtUri root = null;
        AtUri parent = null;
        if (fields.has("reply")) {
            RecordFields reply = fields.object("reply");
            root = reply.strongRef("root", Nsid.POST).uri();
            parent = reply.strongRef("parent", Nsid.POST).uri();
        } else if (board == null) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "a post needs board (a topic) or reply (a reply)");
        }
        PostRow post = new PostRow(event.uri(), event.cid(), title, text, forum, board, root, parent,
                fields.datetime("createdAt"));
        return w -> w.put(post);
    }
}
