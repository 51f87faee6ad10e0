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
    /** More awaited posts than this are not held in memory: then every post looks for its replies. */
    private static final int MAX_AWAITED_HELD = 50_000;

    /** What waiting replies point at; both halves read only the partial indexes of waiting rows. */
    private static final String AWAITED = """
            SELECT root_uri FROM posts WHERE root_uri IS NOT NULL AND root_post_id IS NULL
            UNION SELECT parent_uri FROM posts WHERE parent_uri IS NOT NULL AND parent_post_id IS NULL
            LIMIT\s""" + (MAX_AWAITED_HELD + 1);
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
        Awaited awaited = w.transactionState(Awaited.class, Awaited::load);
        AtUri uri = post.uri();
        Rows.ensureUser(w, uri.did());
        w.batch(UPSERT, uri.did(), uri.rkey(), post.cid(), post.title(), post.text(), forum.toString(),
                text(post.board()), text(post.root()), text(post.parent()), post.createdAt(), w.now(),
                post.isTopic() ? post.createdAt() : null,
                did(post.board()), rkey(post.board()), did(post.root()), rkey(post.root()),
                did(post.parent()), rkey(post.parent()), uri.did(), uri.toString());
        if (awaited.includes(uri)) {
            adoptWaitingReplies(w, uri, true);
        }
        AfterPosts after = w.afterFlush(AfterPosts.class, () -> new AfterPosts(awaited));
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
    private static final class AfterPosts implements SqlWriter.AfterFlush {
        private static final String[] REFERENCES = {"board", "root", "parent"};
        private final Awaited awaited;
        private final List<Post> posts = new ArrayList<>();
        private final Map<AtUri, Instant> topicActivity = new HashMap<>();

        AfterPosts(Awaited awaited) {
            this.awaited = awaited;
        }

        @Override
        public void run(SqlWriter w) throws SQLException {
            for (Map.Entry<AtUri, Instant> topic : topicActivity.entrySet()) {
                w.batch(BUMP_TOPIC, topic.getValue(), topic.getKey().did(), topic.getKey().rkey(), topic.getValue());
            }
            w.flush();
            Set<String> newlyAwaited = report(w);
            for (Post post : posts) {
                // Written before the reply that waits for it, later in this same flush: not adopted yet.
                if (newlyAwaited.contains(post.uri().toString()) && !awaited.includes(post.uri())) {
                    adoptWaitingReplies(w, post.uri(), false);
                }
            }
            awaited.addAll(newlyAwaited);
        }

        /** Logs this flush's posts that wait for a reference; returns the posts they wait for. */
        private Set<String> report(SqlWriter w) throws SQLException {
            Set<AtUri> written = new HashSet<>();
            posts.forEach(post -> written.add(post.uri()));
            Set<String> awaitedPosts = new HashSet<>();
            for (String[] row : w.rows(PARKED_IN_BATCH, w.now())) {
                if (!written.contains(AtUri.of(row[0], Nsid.POST, row[1]))) {
                    continue; // written by an earlier flush of this batch, and reported then
                }
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < REFERENCES.length; i++) { // columns 2..7: each reference's URI, then its id
                    String uri = row[2 + 2 * i];
                    if (uri != null && row[3 + 2 * i] == null) {
                        missing.add(REFERENCES[i] + " " + uri);
                        if (i > 0) {
                            awaitedPosts.add(uri); // a root or parent post
                        }
                    }
                }
                w.outcome().parked(new EventKey(row[0], Nsid.POST, row[1]),
                        String.join(", ", missing) + " not indexed yet");
            }
            return awaitedPosts;
        }
    }

    /**
     * The posts that replies already stored are waiting for, read once per transaction: only a post
     * among them runs the statements that adopt its replies.
     */
    private static final class Awaited {
        /** at:// URIs; null when there are too many to hold, and every post is treated as awaited. */
        private final Set<String> uris;

        private Awaited(Set<String> uris) {
            this.uris = uris;
        }

        static Awaited load(SqlWriter w) throws SQLException {
            List<String> rows = w.query(AWAITED);
            return new Awaited(rows.size() > MAX_AWAITED_HELD ? null : new HashSet<>(rows));
        }

        boolean includes(AtUri post) {
            return uris == null || uris.contains(post.toString());
        }

        void addAll(Set<String> more) {
            if (uris != null) {
                uris.addAll(more);
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
