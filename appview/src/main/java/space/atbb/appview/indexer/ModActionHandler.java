package space.atbb.appview.indexer;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * {@code space.atbb.modAction}: {@code ban} hides all of a member's posts, {@code hide} one post.
 * posts.banned_by_mod is always recomputed from the actions that remain, so deleting one of two
 * overlapping actions leaves the post hidden.
 */
final class ModActionHandler extends RecordHandler {
    /** Whether a post is hidden by a standing action; bound to the post's DID and its at:// URI. */
    private static final String HIDDEN = "(EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'ban' AND m.subject_did = %s)"
            + " OR EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'hide' AND m.subject_post_uri = %s))";
    /** {@link #HIDDEN} for a post about to be written: bind its DID, then its URI. */
    static final String HIDDEN_PARAMS = HIDDEN.formatted("?", "?");

    private static final String HIDDEN_ROW = HIDDEN.formatted("posts.did",
            "'at://' || posts.did || '/" + Nsid.POST + "/' || posts.rkey");
    private static final String RECOMPUTE_MEMBER = "UPDATE posts SET banned_by_mod = " + HIDDEN_ROW + " WHERE did = ?";
    private static final String RECOMPUTE_POST =
            "UPDATE posts SET banned_by_mod = " + HIDDEN_ROW + " WHERE did = ? AND rkey = ?";
    private static final String UPSERT = """
            INSERT INTO mod_actions (did, rkey, cid, action, subject_did, subject_post_uri, reason, created_by,
                                     expires_at, created_at, indexed_at, forum_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, """ + ForumHandler.FORUM_ID + """
            )
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, action = excluded.action,
                subject_did = excluded.subject_did, subject_post_uri = excluded.subject_post_uri,
                reason = excluded.reason, created_by = excluded.created_by, expires_at = excluded.expires_at,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at, forum_id = excluded.forum_id""";
    private static final String SUBJECTS = "SELECT subject_did FROM mod_actions WHERE did = ? AND rkey = ? "
            + "UNION ALL SELECT subject_post_uri FROM mod_actions WHERE did = ? AND rkey = ?";

    ModActionHandler() {
        super(Nsid.MOD_ACTION, true);
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                List<String> previous = subjects(w, uri);
                Rows.delete(w, "mod_actions", uri);
                recompute(w, previous);
            };
        }
        RecordFields fields = new RecordFields(event.record());
        String action = fields.text("action");
        RecordFields subject = fields.object("subject");
        String subjectDid = null;
        String subjectPost = null;
        switch (action) {
            case "ban" -> subjectDid = subject.did("did");
            case "hide" -> subjectPost = subject.strongRef("post", Nsid.POST).toString();
            default -> throw new RejectedEvent(SkipReason.INVALID_FIELD, "action must be ban or hide");
        }
        String reason = fields.optionalText("reason");
        var expiresAt = fields.optionalDatetime("expiresAt");
        var createdAt = fields.datetime("createdAt");
        String did = subjectDid;
        String post = subjectPost;
        return w -> {
            List<String> previous = subjects(w, uri);
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), action, did, post, reason, uri.did(),
                    expiresAt, createdAt, w.now(), uri.did());
            recompute(w, previous); // an update may have changed the subject
            recompute(w, List.of(did != null ? did : post));
        };
    }

    private static List<String> subjects(SqlWriter w, AtUri action) throws SQLException {
        return w.query(SUBJECTS, action.did(), action.rkey(), action.did(), action.rkey()).stream()
                .filter(Objects::nonNull).toList();
    }

    /** @param subjects member DIDs and post URIs */
    private static void recompute(SqlWriter w, List<String> subjects) throws SQLException {
        for (String subject : subjects) {
            if (subject.startsWith("at://")) {
                AtUri post = AtUri.parseStored(subject);
                w.update(RECOMPUTE_POST, post.did(), post.rkey());
            } else {
                w.update(RECOMPUTE_MEMBER, subject);
            }
        }
    }
}
