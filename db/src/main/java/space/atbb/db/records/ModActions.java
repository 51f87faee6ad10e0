package space.atbb.db.records;

import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * mod_actions. posts.banned_by_mod is always recomputed from the actions that remain, so deleting
 * one of two overlapping actions leaves the post hidden.
 */
final class ModActions extends Table<ModActionRow> {
    private static final String UPSERT = """
            INSERT INTO mod_actions (did, rkey, cid, action, subject_did, subject_post_uri, reason, created_by,
                                     expires_at, created_at, indexed_at, forum_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM forums WHERE did = ? AND rkey = 'self'))
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, action = excluded.action,
                subject_did = excluded.subject_did, subject_post_uri = excluded.subject_post_uri,
                reason = excluded.reason, created_by = excluded.created_by, expires_at = excluded.expires_at,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at, forum_id = excluded.forum_id""";
    private static final String SUBJECTS = """
            SELECT subject_did FROM mod_actions WHERE did = ? AND rkey = ?
            UNION ALL SELECT subject_post_uri FROM mod_actions WHERE did = ? AND rkey = ?""";
    private static final String DELETE = "DELETE FROM mod_actions WHERE did = ? AND rkey = ?";
    /** The rule of {@link Posts}' upsert, for the rows of one member. */
    private static final String RECOMPUTE_MEMBER = """
            UPDATE posts SET banned_by_mod =
                (EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'ban' AND m.subject_did = posts.did)
                 OR EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'hide'
                            AND m.subject_post_uri = 'at://' || posts.did || '/space.atbb.post/' || posts.rkey))
            WHERE did = ?""";
    /** The same, for one post. */
    private static final String RECOMPUTE_POST = """
            UPDATE posts SET banned_by_mod =
                (EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'ban' AND m.subject_did = posts.did)
                 OR EXISTS (SELECT 1 FROM mod_actions m WHERE m.action = 'hide'
                            AND m.subject_post_uri = 'at://' || posts.did || '/space.atbb.post/' || posts.rkey))
            WHERE did = ? AND rkey = ?""";

    ModActions() {
        super(Nsid.MOD_ACTION, ModActionRow.class);
    }

    @Override
    void put(RecordWriter w, Statements s, ModActionRow action) throws SQLException {
        AtUri uri = action.uri();
        List<String> previous = subjects(s, uri);
        String post = action.subjectPost() == null ? null : action.subjectPost().toString();
        s.update(UPSERT, uri.did(), uri.rkey(), action.cid(), action.action().stored(), action.subjectDid(), post,
                action.reason(), uri.did(), action.expiresAt(), action.createdAt(), w.indexedAt(), uri.did());
        recompute(w, previous); // an update may have changed the subject
        recompute(w, List.of(post != null ? post : action.subjectDid()));
    }

    @Override
    void delete(RecordWriter w, AtUri uri) throws SQLException {
        Statements s = w.statements();
        List<String> previous = subjects(s, uri);
        s.update(DELETE, uri.did(), uri.rkey());
        recompute(w, previous);
    }

    private static List<String> subjects(Statements s, AtUri action) throws SQLException {
        return s.query(SUBJECTS, action.did(), action.rkey(), action.did(), action.rkey()).stream()
                .filter(Objects::nonNull).toList();
    }

    /** Hidden or shown again, and counted again. @param subjects member DIDs and post URIs */
    private static void recompute(RecordWriter w, List<String> subjects) throws SQLException {
        Statements s = w.statements();
        for (String subject : subjects) {
            if (subject.startsWith("at://")) {
                AtUri post = AtUri.parse(subject);
                s.update(RECOMPUTE_POST, post.did(), post.rkey());
                w.counts().post(post);
            } else {
                s.update(RECOMPUTE_MEMBER, subject);
                w.counts().member(subject);
            }
        }
    }
}
