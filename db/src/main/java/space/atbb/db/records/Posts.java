package space.atbb.db.records;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * posts: the hot path, each post a few deferred statements in JDBC batches.
 *
 * <p>A reference to a record not indexed yet is parked: the post is stored with the URI and a null
 * id, reported once, and the id is filled in when the target arrives (a board fills in its topics;
 * a post fills in the replies that were waiting for it).
 */
final class Posts extends Table<PostRow> {
    /**
     * Bound: the post, its board, root and parent (did, rkey each), then the post's DID and URI
     * for banned_by_mod, and again for mod_hidden_until.
     */
    private static final String UPSERT = """
            INSERT INTO posts (did, rkey, cid, title, text, forum_uri, board_uri, root_uri, parent_uri,
                               created_at, indexed_at, last_activity_at,
                               board_id, root_post_id, parent_post_id, banned_by_mod, mod_hidden_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                    (SELECT id FROM boards WHERE did = ? AND rkey = ?),
                    (SELECT id FROM posts WHERE did = ? AND rkey = ?),
                    (SELECT id FROM posts WHERE did = ? AND rkey = ?),
                    %s, %s)
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, title = excluded.title, text = excluded.text,
                forum_uri = excluded.forum_uri, board_uri = excluded.board_uri, root_uri = excluded.root_uri,
                parent_uri = excluded.parent_uri, created_at = excluded.created_at, indexed_at = excluded.indexed_at,
                board_id = excluded.board_id, root_post_id = excluded.root_post_id,
                parent_post_id = excluded.parent_post_id, banned_by_mod = excluded.banned_by_mod,
                mod_hidden_until = excluded.mod_hidden_until"""
            .formatted(ModActions.hiddenForGood("?", "?"), ModActions.hiddenUntil("?", "?"));
    /** A deleted post stays, hidden, so that its replies keep their thread. */
    private static final String MARK_DELETED = "UPDATE posts SET deleted_by_user = TRUE WHERE did = ? AND rkey = ?";
    /** A deleted account's posts: the rows stay for the threads of others, their words go. */
    private static final String ERASE_ACCOUNT =
            "UPDATE posts SET deleted_by_user = TRUE, title = NULL, text = '' WHERE did = ?";
    /** More awaited posts than this are not held in memory: then every post looks for its replies. */
    private static final int MAX_AWAITED_HELD = 50_000;
    /** What waiting replies point at, one more than held; both halves read only the partial indexes of waiting rows. */
    private static final String AWAITED = """
            SELECT root_uri FROM posts WHERE root_uri IS NOT NULL AND root_post_id IS NULL
            UNION SELECT parent_uri FROM posts WHERE parent_uri IS NOT NULL AND parent_post_id IS NULL
            LIMIT 50001""";
    private static final String ADOPT_AS_ROOT = """
            UPDATE posts SET root_post_id = (SELECT id FROM posts WHERE did = ? AND rkey = ?)
            WHERE root_uri = ? AND root_post_id IS NULL""";
    private static final String ADOPT_AS_PARENT = """
            UPDATE posts SET parent_post_id = (SELECT id FROM posts WHERE did = ? AND rkey = ?)
            WHERE parent_uri = ? AND parent_post_id IS NULL""";
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

    Posts() {
        super("posts", Nsid.POST, PostRow.class, MARK_DELETED);
    }

    @Override
    void delete(RecordWriter w, AtUri uri) throws SQLException {
        super.delete(w, uri);
        w.counts().post(uri);
    }

    @Override
    void put(RecordWriter w, Statements s, PostRow post) throws SQLException {
        Awaited awaited = s.transactionState(Awaited.class, Awaited::load);
        AtUri uri = post.uri();
        Users.ensure(w, uri.did());
        Counts.leaving(s, uri);
        s.batch(UPSERT, uri.did(), uri.rkey(), post.cid(), post.title(), post.text(), post.forum().toString(),
                text(post.board()), text(post.root()), text(post.parent()), post.createdAt(), w.indexedAt(),
                post.isTopic() ? post.createdAt() : null,
                did(post.board()), rkey(post.board()), did(post.root()), rkey(post.root()),
                did(post.parent()), rkey(post.parent()), uri.did(), uri.toString(), uri.did(), uri.toString());
        if (awaited.includes(uri)) {
            adoptWaitingReplies(s, uri, true);
        }
        // A reply's topic is its root, found by its URI: many replies to one topic count it once,
        // and move its last activity forward once.
        if (post.isTopic()) {
            w.counts().post(uri);
        } else {
            w.counts().reply(post.root(), post.createdAt());
        }
        s.afterFlush(AfterPosts.class, () -> new AfterPosts(w, awaited)).posts.add(post);
    }

    @Override
    void deleteAccount(RecordWriter w, String did) throws SQLException {
        w.statements().update(ERASE_ACCOUNT, did);
    }

    /** Replies that arrived before {@code post} point at it by id now; its topic's activity is recomputed. */
    private static void adoptWaitingReplies(Statements s, AtUri post, boolean deferred) throws SQLException {
        Object[] adopt = {post.did(), post.rkey(), post.toString()};
        Object[] refresh = {post.did(), post.rkey()};
        if (deferred) {
            s.batch(ADOPT_AS_ROOT, adopt);
            s.batch(ADOPT_AS_PARENT, adopt);
            s.batch(REFRESH_ACTIVITY, refresh);
        } else {
            s.update(ADOPT_AS_ROOT, adopt);
            s.update(ADOPT_AS_PARENT, adopt);
            s.update(REFRESH_ACTIVITY, refresh);
        }
    }

    /** After the posts are written: a check for references to records not indexed yet. */
    private static final class AfterPosts implements Statements.AfterFlush {
        private static final String[] REFERENCES = {"board", "root", "parent"};
        private final RecordWriter writer;
        private final Awaited awaited;
        private final List<PostRow> posts = new ArrayList<>();

        AfterPosts(RecordWriter writer, Awaited awaited) {
            this.writer = writer;
            this.awaited = awaited;
        }

        @Override
        public void run(Statements s) throws SQLException {
            Set<String> newlyAwaited = report(s);
            for (PostRow post : posts) {
                // Written before the reply that waits for it, later in this same flush: not adopted yet.
                if (newlyAwaited.contains(post.uri().toString()) && !awaited.includes(post.uri())) {
                    adoptWaitingReplies(s, post.uri(), false);
                }
            }
            awaited.addAll(newlyAwaited);
        }

        /** Reports this flush's posts that wait for a reference; returns the posts they wait for. */
        private Set<String> report(Statements s) throws SQLException {
            Set<AtUri> written = new HashSet<>();
            posts.forEach(post -> written.add(post.uri()));
            Set<String> awaitedPosts = new HashSet<>();
            for (String[] row : s.rows(PARKED_IN_BATCH, writer.indexedAt())) {
                AtUri post = AtUri.of(row[0], Nsid.POST, row[1]);
                if (!written.contains(post)) {
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
                writer.parked(post, String.join(", ", missing) + " not indexed yet");
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

        static Awaited load(Statements s) throws SQLException {
            List<String> rows = s.query(AWAITED);
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
