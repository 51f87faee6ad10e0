-- The whole forum schema for SQLite, as the PostgreSQL history ends (after its step 0012):
-- permissions live in role_permissions, roles has no permissions column.
-- Types: ids and counts are INTEGER (64-bit; an id must be declared exactly INTEGER to be the
-- rowid). Columns declared TIMESTAMP hold INTEGER epoch milliseconds (UTC) and BOOLEAN ones hold
-- 0/1: the declared names have numeric affinity and tell Hibernate's validation what to expect.
-- Every primary key column says NOT NULL, which SQLite does not imply.

CREATE TABLE forums (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did         TEXT    NOT NULL,
    rkey        TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT,
    indexed_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX forums_did_rkey_idx ON forums (did, rkey);

CREATE TABLE categories (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did         TEXT    NOT NULL,
    rkey        TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT,
    slug        TEXT,
    sort_order  INTEGER,
    forum_id    INTEGER REFERENCES forums (id),
    created_at  TIMESTAMP NOT NULL,
    indexed_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX categories_did_rkey_idx ON categories (did, rkey);

CREATE TABLE boards (
    id           INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did          TEXT    NOT NULL,
    rkey         TEXT    NOT NULL,
    cid          TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    description  TEXT,
    slug         TEXT,
    sort_order   INTEGER,
    category_id  INTEGER REFERENCES categories (id),
    category_uri TEXT    NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    indexed_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX boards_did_rkey_idx ON boards (did, rkey);
CREATE INDEX boards_category_id_idx ON boards (category_id);

CREATE TABLE users (
    did        TEXT    NOT NULL PRIMARY KEY,
    handle     TEXT,
    indexed_at TIMESTAMP NOT NULL
);

CREATE TABLE memberships (
    id         INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did        TEXT    NOT NULL REFERENCES users (did),
    rkey       TEXT    NOT NULL,
    cid        TEXT    NOT NULL,
    forum_id   INTEGER REFERENCES forums (id),
    forum_uri  TEXT    NOT NULL,
    role       TEXT,
    role_uri   TEXT,
    joined_at  TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    indexed_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX memberships_did_rkey_idx ON memberships (did, rkey);
CREATE INDEX memberships_did_idx ON memberships (did);

CREATE TABLE posts (
    id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did             TEXT    NOT NULL REFERENCES users (did),
    rkey            TEXT    NOT NULL,
    cid             TEXT    NOT NULL,
    title           TEXT,
    text            TEXT    NOT NULL,
    forum_uri       TEXT,
    board_uri       TEXT,
    board_id        INTEGER REFERENCES boards (id),
    root_post_id    INTEGER REFERENCES posts (id),
    parent_post_id  INTEGER REFERENCES posts (id),
    root_uri        TEXT,
    parent_uri      TEXT,
    created_at      TIMESTAMP NOT NULL,
    indexed_at      TIMESTAMP NOT NULL,
    banned_by_mod   BOOLEAN NOT NULL DEFAULT 0,
    deleted_by_user BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX posts_did_rkey_idx ON posts (did, rkey);
CREATE INDEX posts_forum_uri_idx ON posts (forum_uri);
CREATE INDEX posts_board_id_idx ON posts (board_id);
CREATE INDEX posts_board_uri_idx ON posts (board_uri);
CREATE INDEX posts_root_post_id_idx ON posts (root_post_id);

CREATE TABLE mod_actions (
    id               INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did              TEXT    NOT NULL,
    rkey             TEXT    NOT NULL,
    cid              TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    subject_did      TEXT,
    subject_post_uri TEXT,
    forum_id         INTEGER REFERENCES forums (id),
    reason           TEXT,
    created_by       TEXT    NOT NULL,
    expires_at       TIMESTAMP,
    created_at       TIMESTAMP NOT NULL,
    indexed_at       TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX mod_actions_did_rkey_idx ON mod_actions (did, rkey);
CREATE INDEX mod_actions_subject_did_idx ON mod_actions (subject_did);
CREATE INDEX mod_actions_subject_post_uri_idx ON mod_actions (subject_post_uri);

CREATE TABLE firehose_cursor (
    service    TEXT    NOT NULL PRIMARY KEY DEFAULT 'jetstream',
    cursor     INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE roles (
    id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    did         TEXT    NOT NULL,
    rkey        TEXT    NOT NULL,
    cid         TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    description TEXT,
    priority    INTEGER NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    indexed_at  TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX roles_did_rkey_idx ON roles (did, rkey);
CREATE INDEX roles_did_idx ON roles (did);
CREATE INDEX roles_did_name_idx ON roles (did, name);

CREATE TABLE role_permissions (
    role_id    INTEGER NOT NULL REFERENCES roles (id) ON DELETE CASCADE,
    permission TEXT    NOT NULL,
    PRIMARY KEY (role_id, permission)
);

CREATE TABLE backfill_progress (
    id                 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    status             TEXT    NOT NULL,
    backfill_type      TEXT    NOT NULL,
    last_processed_did TEXT,
    dids_total         INTEGER NOT NULL DEFAULT 0,
    dids_processed     INTEGER NOT NULL DEFAULT 0,
    records_indexed    INTEGER NOT NULL DEFAULT 0,
    started_at         TIMESTAMP NOT NULL,
    completed_at       TIMESTAMP,
    error_message      TEXT
);

CREATE TABLE backfill_errors (
    id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    backfill_id   INTEGER NOT NULL REFERENCES backfill_progress (id),
    did           TEXT    NOT NULL,
    collection    TEXT    NOT NULL,
    error_message TEXT    NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX backfill_errors_backfill_id_idx ON backfill_errors (backfill_id);
