package space.atbb.appview.indexer;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code space.atbb.post}: a topic (with {@code board}) or a reply (with {@code reply.root} and
 * {@code reply.parent}). The hot path: each post is a few deferred statements in JDBC batches.
 *
 * <p>A reference to a record not indexed yet is parked: the post is stored with the URI and a null
 * id, counted and logged once, and the id is filled in when the target arrives (a board fills in
 * its topics; a post fills in the replies that were waiting for it).
 */
final class PostHandler extends RecordHandler {
    static final int MAX_TEXT_CHARS = 3000;

    private static final String POST_ID = "(SELECT id FROM posts WHERE did = ? AND rkey = ?)";
    private static final String UPSERT = """
            INSERT INTO posts (did, rkey, cid, title, text, forum_uri, board_uri, root_uri, parent_uri,
                               created_at, indexed_at, last_activity_at,
                               board_id, root_post_id, parent_post_id, banned_by_mod)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    (SELECT id FROM boards WHERE did = ? AND rkey = ?), """ + POST_ID + ", " + POST_ID + ", "
            + ModActionHandler.HIDDEN_PARAMS + """
            )
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, title = excluded.title, text = excluded.text,
                forum_uri = excluded.forum_uri, board_uri = excluded.board_uri, root_uri = excluded.root_uri,
                parent_uri = excluded.parent_uri, created_at = excluded.created_at, indexed_at = excluded.indexed_at,
                board_id = excluded.board_id, root_post_id = excluded.root_post_id,
                parent_post_id = excluded.parent_post_id, banned_by_mod = excluded.banned_by_mod""";
    /** A reply moves its topic's last activity forward, never back. */
    private static final String BUMP_TOPIC = """
            UPDATE posts SET last_activity_at = ?
            WHERE did = ? AND rkey = ? AND (last_activity_at IS NULL OR last_activity_at < ?)""";
    private static final String MARK_DELETED = "UPDATE posts SET deleted_by_user = ? WHERE did = ? AND rkey = ?";
    private static final String ORPHANS_EXIST = """
            SELECT 1 FROM posts WHERE root_uri IS NOT NULL AND root_post_id IS NULL
            UNION ALL SELECT 1 FROM posts WHERE parent_uri IS NOT NULL AND parent_post_id IS NULL LIMIT 1""";
    private static final String ADOPT_AS_ROOT =
            "UPDATE posts SET root_post_id = " + POST_ID + " WHERE root_uri = ? AND root_post_id IS NULL";
    private static final String ADOPT_AS_PARENT =
            "UPDATE posts SET parent_post_id = " + POST_ID + " WHERE parent_uri = ? AND parent_post_id IS NULL";
    private static final String REFRESH_ACTIVITY = """
            UPDATE posts SET last_activity_at =
                (SELECT max(r.created_at) FROM posts r WHERE r.id = posts.id OR r.root_post_id = posts.id)
            WHERE did = ? AND rkey = ? AND root_uri IS NULL""";
    /**
     * The batch's posts still waiting for a reference: every row a batch writes carries its
     * indexed_at, and the condition is that of the partial index posts_unresolved_idx.
     */
    private static final String PARKED_IN_BATCH = """
            SELECT did, rkey, board_uri, board_id, root_uri, root_post_id, parent_uri, parent_post_id FROM posts
            WHERE indexed_at = ? AND ((board_uri IS NOT NULL AND board_id IS NULL)
                OR (root_uri IS NOT NULL AND root_post_id IS NULL)
                OR (parent_uri IS NOT NULL AND parent_post_id IS NULL))""";

    private final AtUri forum;
    /** Whether replies may be waiting for their root or parent; read once, then kept up to date. */
    private Boolean orphansMayExist;

    PostHandler(AtUri forum) {
        super(Nsid.POST, false);
        this.forum = forum;
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> w.update(MARK_DELETED, true, uri.did(), uri.rkey());
        }
        RecordFields fields = new RecordFields(event.record());
        String text = fields.text("text", MAX_TEXT_CHARS);
        String title = fields.optionalText("title");
        Forums.requireOurs(fields.strongRef("forum", Nsid.FORUM), forum);
        AtUri board = fields.optionalStrongRef("board", Nsid.BOARD);
        if (board != null && !board.did().equals(forum.did())) {
            throw new RejectedEvent(SkipReason.OTHER_FORUM, "board " + board + " is not one of the forum's boards");
        }
        AtUri root = null;
        AtUri parent = null;
        if (fields.has("reply")) {
            RecordFields reply = fields.object("reply");
            root = reply.strongRef("root", Nsid.POST);
            parent = reply.strongRef("parent", Nsid.POST);
        } else if (board == null) {
            throw new RejectedEvent(SkipReason.INVALID_FIELD, "a post needs board (a topic) or reply (a reply)");
        }
        Instant createdAt = fields.datetime("createdAt");
        Post post = new Post(event.key(), uri, event.cid(), title, text, board, root, parent, createdAt);
        return w -> write(w, post);
    }

    private record Post(EventKey key, AtUri uri, String cid, String title, String text, AtUri board, AtUri root,
                        AtUri parent, Instant createdAt) {
        boolean isTopic() {
            return root == null;
        }
    }

    private void write(SqlWriter w, Post post) throws SQLException {
        if (orphansMayExist == null) {
            orphansMayExist = !w.query(ORPHANS_EXIST).isEmpty();
        }
        AtUri uri = post.uri();
        Rows.ensureUser(w, uri.did());
        w.batch(UPSERT, uri.did(), uri.rkey(), post.cid(), post.title(), post.text(), forum.toString(),
                text(post.board()), text(post.root()), text(post.parent()), post.createdAt(), w.now(),
                post.isTopic() ? post.createdAt() : null,
                did(post.board()), rkey(post.board()), did(post.root()), rkey(post.root()),
                did(post.parent()), rkey(post.parent()), uri.did(), uri.toString());
        if (orphansMayExist) {
            adoptWaitingReplies(w, uri, true);
        }
        AfterPosts after = w.afterFlush(AfterPosts.class, AfterPosts::new);
        after.posts.add(post);
        if (!post.isTopic()) {
            after.topicActivity.merge(post.root(), post.createdAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** Replies that arrived before {@code post} point at it by id now; its topic's activity is recomputed. */
    private static void adoptWaitingReplies(SqlWriter w, AtUri post, boolean deferred) throws SQLException {
        Object[] adopt = {post.did(), post.rkey(), post.toString()};
        Object[] refresh = {post.did(), post.rkey()};
        if (deferred) {
            w.batch(ADOPT_AS_ROOT, adopt);
            w.batch(ADOPT_AS_PARENT, adopt);
            w.batch(REFRESH_ACTIVITY, refresh);
        } else {
            w.update(ADOPT_AS_ROOT, adopt);
            w.update(ADOPT_AS_PARENT, adopt);
            w.update(REFRESH_ACTIVITY, refresh);
        }
    }

    /**
     * After the posts are written: their topics' activity moves forward (one update per topic, not
     * per reply: each one rewrites the topic row), then a check for references to records not indexed yet.
     */
    private final class AfterPosts implements SqlWriter.AfterFlush {
        private final List<Post> posts = new ArrayList<>();
        private final Map<AtUri, Instant> topicActivity = new HashMap<>();

        @Override
        public void run(SqlWriter w) throws SQLException {
            for (Map.Entry<AtUri, Instant> topic : topicActivity.entrySet()) {
                w.batch(BUMP_TOPIC, topic.getValue(), topic.getKey().did(), topic.getKey().rkey(), topic.getValue());
            }
            w.flush();
            boolean parked = report(w);
            if (parked && !orphansMayExist) {
                // A post later in this same flush may be the missing root: it had no adoption step.
                orphansMayExist = true;
                for (Post post : posts) {
                    adoptWaitingReplies(w, post.uri(), false);
                }
            }
        }

        /** Logs this flush's posts that wait for a reference; true if there are any. */
        private boolean report(SqlWriter w) throws SQLException {
            Set<AtUri> written = new HashSet<>();
            posts.forEach(post -> written.add(post.uri()));
            boolean parked = false;
            for (String[] row : w.rows(PARKED_IN_BATCH, w.now())) {
                if (!written.contains(AtUri.of(row[0], Nsid.POST, row[1]))) {
                    continue; // written by an earlier flush of this batch, and reported then
                }
                List<String> missing = new ArrayList<>();
                addIfMissing(missing, "board", row[2], row[3]);
                addIfMissing(missing, "root", row[4], row[5]);
                addIfMissing(missing, "parent", row[6], row[7]);
                w.outcome().parked(new EventKey(row[0], Nsid.POST, row[1]),
                        String.join(", ", missing) + " not indexed yet");
                parked = true;
            }
            return parked;
        }

        private void addIfMissing(List<String> missing, String name, String uri, String id) {
            if (uri != null && id == null) {
                missing.add(name + " " + uri);
            }
        }
    }

    private static String text(AtUri uri) {
        return uri == null ? null : uri.toString();
    }

    private static String did(AtUri uri) {
        return uri == null ? null : uri.did();
    }

    private static String rkey(AtUri uri) {
        return uri == null ? null : uri.rkey();
    }
}
