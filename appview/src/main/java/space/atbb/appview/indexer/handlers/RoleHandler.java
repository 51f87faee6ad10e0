package space.atbb.appview.indexer.handlers;

import space.atbb.appview.indexer.event.Change;
import space.atbb.appview.indexer.event.Event;
import space.atbb.appview.indexer.event.RecordFields;
import space.atbb.appview.indexer.event.RecordHandler;
import space.atbb.appview.indexer.event.RejectedEvent;
import space.atbb.db.records.RoleRow;
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
    protected Change put(Event event, RecordFields fields) throws RejectedEvent {
        String name = fields.text("name");
        String description = fields.optionalText("description");
        var permissions = fields.strings("permissions");
        int priority = fields.integer("priority");
        RoleRow role = new RoleRow(event.uri(), event.cid(), name, description, priority,
                fields.datetime("createdAt"), permissions);
        return w -> w.put(role);
    }
}
