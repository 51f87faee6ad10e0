package space.atbb.appview.indexer.handlers;

import java.time.Instant;
import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.records.ModActionRow;
import space.atbb.db.records.ModActionRow.Action;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * {@code space.atbb.modAction}: {@code ban} hides all of a member's posts, {@code hide} one post,
 * for as long as an action stands.
 */
final class ModActionHandler extends RecordHandler {
    ModActionHandler() {
        super(Nsid.MOD_ACTION, true);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        String action = fields.text("action");
        RecordFields subject = fields.object("subject");
        String member = null;
        AtUri post = null;
        switch (action) {
            case "ban" -> member = subject.did("did");
            case "hide" -> post = subject.strongRef("post", Nsid.POST).uri();
            default -> throw new RejectedEvent(SkipReason.INVALID_FIELD, "action must be ban or hide");
        }
        String reason = fields.optionalText("reason");
        Instant expiresAt = fields.optionalDatetime("expiresAt");
        Instant createdAt = fields.datetime("createdAt");
        ModActionRow row = new ModActionRow(event.uri(), event.cid(), member != null ? Action.BAN : Action.HIDE,
                member, post, reason, expiresAt, createdAt);
        return w -> w.put(row);
    }
}
