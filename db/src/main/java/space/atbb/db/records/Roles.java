package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** roles and their role_permissions rows: a new version of a role replaces its permissions. */
final class Roles extends Table<RoleRow> {
    private static final String UPSERT = """
            INSERT INTO roles (did, rkey, cid, name, description, priority, created_at, indexed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, priority = excluded.priority,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at""";
    private static final String CLEAR_PERMISSIONS =
            "DELETE FROM role_permissions WHERE role_id = (SELECT id FROM roles WHERE did = ? AND rkey = ?)";
    private static final String ADD_PERMISSION =
            "INSERT INTO role_permissions (role_id, permission) VALUES ((SELECT id FROM roles WHERE did = ? AND rkey = ?), ?)";
    /** role_permissions rows cascade. */
    private static final String DELETE = "DELETE FROM roles WHERE did = ? AND rkey = ?";

    Roles() {
        super(Nsid.ROLE, RoleRow.class, DELETE);
    }

    @Override
    void put(RecordWriter w, Statements s, RoleRow role) throws SQLException {
        AtUri uri = role.uri();
        s.update(UPSERT, uri.did(), uri.rkey(), role.cid(), role.name(), role.description(), role.priority(),
                role.createdAt(), w.indexedAt());
        s.update(CLEAR_PERMISSIONS, uri.did(), uri.rkey());
        for (String permission : role.permissions()) {
            s.batch(ADD_PERMISSION, uri.did(), uri.rkey(), permission);
        }
    }

}
