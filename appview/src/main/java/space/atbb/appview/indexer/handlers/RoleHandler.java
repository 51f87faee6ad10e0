package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.db.records.RoleRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * {@code space.atbb.forum.role}: a named set of permission strings. A new version of the record
 * replaces the role's role_permissions rows; the strings are data and are kept byte for byte.
 */
final class RoleHandler extends RecordHandler {
    RoleHandler() {
        super(Nsid.ROLE, true);
    }

    @Override
    protected Change put(Event event, RecordFields fields, AtUri forum) throws RejectedEvent {
        RoleRow role = new RoleRow(event.uri(), event.cid(), fields.text("name"), fields.optionalText("description"),
                fields.integer("priority"), fields.datetime("createdAt"), fields.strings("permissions"));
        return w -> w.put(role);
    }
}
