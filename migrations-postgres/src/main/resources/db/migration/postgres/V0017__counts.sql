-- Counts the pages show, kept by the indexer as it applies events (space.atbb.db.records.Counts)
-- rather than counted per request. Same shape as SQLite's V0006. Only visible posts count.
-- A topic: its visible replies, and the newest one's time and author.
ALTER TABLE posts ADD COLUMN reply_count integer NOT NULL DEFAULT 0;
ALTER TABLE posts ADD COLUMN last_reply_at timestamptz;
ALTER TABLE posts ADD COLUMN last_reply_did text;
-- A board: its visible topics, those topics and their visible replies, and the newest of their times.
ALTER TABLE boards ADD COLUMN topic_count integer NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN post_count integer NOT NULL DEFAULT 0;
ALTER TABLE boards ADD COLUMN last_activity_at timestamptz;
-- Set on the topic or board a post leaves (an edited reply naming another root, a topic another
-- board) before the write, so the recount after it finds the old one too; cleared by the recount.
ALTER TABLE posts ADD COLUMN counts_stale boolean NOT NULL DEFAULT false;
ALTER TABLE boards ADD COLUMN counts_stale boolean NOT NULL DEFAULT false;
CREATE INDEX posts_counts_stale_idx ON posts (id) WHERE counts_stale;

-- The posts indexed before this step.
UPDATE posts SET
    reply_count = (SELECT count(*) FROM posts r
                   WHERE r.root_post_id = posts.id AND NOT r.banned_by_mod AND NOT r.deleted_by_user),
    last_reply_at = (SELECT max(r.created_at) FROM posts r
                     WHERE r.root_post_id = posts.id AND NOT r.banned_by_mod AND NOT r.deleted_by_user),
    last_reply_did = (SELECT r.did FROM posts r
                      WHERE r.root_post_id = posts.id AND NOT r.banned_by_mod AND NOT r.deleted_by_user
                      ORDER BY r.created_at DESC, r.id DESC LIMIT 1)
WHERE root_uri IS NULL;
UPDATE boards SET
    topic_count = (SELECT count(*) FROM posts t WHERE t.board_id = boards.id AND t.root_uri IS NULL
                   AND NOT t.banned_by_mod AND NOT t.deleted_by_user),
    post_count = (SELECT count(*) + coalesce(sum(t.reply_count), 0) FROM posts t
                  WHERE t.board_id = boards.id AND t.root_uri IS NULL AND NOT t.banned_by_mod AND NOT t.deleted_by_user),
    last_activity_at = (SELECT max(CASE WHEN t.last_reply_at > t.created_at THEN t.last_reply_at ELSE t.created_at END)
                        FROM posts t WHERE t.board_id = boards.id AND t.root_uri IS NULL
                        AND NOT t.banned_by_mod AND NOT t.deleted_by_user);
