-- What the firehose indexer needs beyond the forum schema (same shape as PostgreSQL's V0014).
-- Timestamps are declared TIMESTAMP (numeric affinity) and hold INTEGER epoch milliseconds (UTC).

-- space.atbb.forum.memberRole: the forum grants a member a role. The grant is also reflected into
-- memberships.role_uri of the subject's membership, whichever of the two arrives first.
CREATE TABLE member_roles (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did         TEXT    NOT NULL,
    rkey        TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    subject_did TEXT    NOT NULL,
    role_uri    TEXT    NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    indexed_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX member_roles_did_rkey_idx ON member_roles (did, rkey);
CREATE INDEX member_roles_subject_did_idx ON member_roles (subject_did);

-- A topic's newest activity (its own or its newest reply's createdAt): boards list topics by it.
ALTER TABLE posts ADD COLUMN last_activity_at TIMESTAMP;
CREATE INDEX posts_board_id_last_activity_at_idx ON posts (board_id, last_activity_at);

-- Replies that arrived before their root or parent keep the URI until the target arrives; these
-- partial indexes hold only such rows, so resolving them stays cheap.
CREATE INDEX posts_unresolved_root_idx ON posts (root_uri) WHERE root_uri IS NOT NULL AND root_post_id IS NULL;
CREATE INDEX posts_unresolved_parent_idx ON posts (parent_uri) WHERE parent_uri IS NOT NULL AND parent_post_id IS NULL;
CREATE INDEX boards_category_uri_idx ON boards (category_uri);
CREATE INDEX memberships_forum_uri_idx ON memberships (forum_uri);
