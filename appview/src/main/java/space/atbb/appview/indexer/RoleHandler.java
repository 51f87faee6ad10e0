package space.atbb.appview.indexer;

import java.util.Set;

/**
 * {@code space.atbb.forum.role}: a named set of permission strings. A new version of the record
 * replaces the role's role_permissions rows; the strings are data and are kept byte for byte.
 */
final class RoleHandler extends RecordHandler {
    private static final String UPSERT = """
            INSERT INTO roles (did, rkey, cid, name, description, priority, created_at, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, priority = excluded.priority,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at""";
    private static final String ROLE_ID = "(SELECT id FROM roles WHERE did = ? AND rkey = ?)";
    private static final String CLEAR_PERMISSIONS = "DELETE FROM role_permissions WHERE role_id = " + ROLE_ID;
    private static final String ADD_PERMISSION =
            "INSERT INTO role_permissions (role_id, permission) VALUES (" + ROLE_ID + ", ?)";

    RoleHandler() {
        super(Nsid.ROLE, true);
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> Rows.delete(w, "roles", uri); // role_permissions rows cascade
        }
        RecordFields fields = new RecordFields(event.record());
        String name = fields.text("name");
        String description = fields.optionalText("description");
        Set<String> permissions = fields.strings("permissions");
        int priority = fields.integer("priority");
        var createdAt = fields.datetime("createdAt");
        return w -> {
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), name, description, priority, createdAt, w.now());
            w.update(CLEAR_PERMISSIONS, uri.did(), uri.rkey());
            for (String permission : permissions) {
                w.batch(ADD_PERMISSION, uri.did(), uri.rkey(), permission);
            }
        };
    }
}
