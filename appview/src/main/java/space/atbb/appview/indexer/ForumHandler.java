package space.atbb.appview.indexer;

import java.sql.SQLException;

/** {@code space.atbb.forum.forum}, rkey {@code self}: the forum's name and description. */
final class ForumHandler extends RecordHandler {
    static final int MAX_NAME_CHARS = 300;
    /** The id of the forum record of a DID (bound once: the DID). */
    static final String FORUM_ID = "(SELECT id FROM forums WHERE did = ? AND rkey = '" + Nsid.FORUM_RKEY + "')";

    private static final String UPSERT = """
            INSERT INTO forums (did, rkey, cid, name, description, indexed_at) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, indexed_at = excluded.indexed_at""";

    ForumHandler() {
        super(Nsid.FORUM, true);
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        if (!event.rkey().equals(Nsid.FORUM_RKEY)) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "a forum record's rkey must be " + Nsid.FORUM_RKEY);
        }
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                for (String table : new String[] {"categories", "memberships", "mod_actions"}) {
                    Rows.detach(w, table, "forum_id", "forums", uri);
                }
                Rows.delete(w, "forums", uri);
            };
        }
        RecordFields fields = new RecordFields(event.record());
        String name = fields.text("name", MAX_NAME_CHARS);
        String description = fields.optionalText("description");
        fields.datetime("createdAt");
        return w -> {
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), name, description, w.now());
            attach(w, uri);
        };
    }

    /** Rows that arrived before the forum record get its id. */
    private static void attach(SqlWriter w, AtUri forum) throws SQLException {
        w.update("UPDATE categories SET forum_id = " + FORUM_ID + " WHERE forum_id IS NULL", forum.did());
        w.update("UPDATE mod_actions SET forum_id = " + FORUM_ID + " WHERE forum_id IS NULL", forum.did());
        w.update("UPDATE memberships SET forum_id = " + FORUM_ID + " WHERE forum_id IS NULL AND forum_uri = ?",
                forum.did(), forum.toString());
    }
}
