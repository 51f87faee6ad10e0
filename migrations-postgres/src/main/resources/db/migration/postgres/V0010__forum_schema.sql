-- The forum schema as it stood before permissions were normalized (history steps 1-10 as one
-- baseline). roles.permissions is still a text[] here; steps 0011 and 0012 move it into
-- role_permissions without losing an element.

CREATE TABLE forums (
    id          bigserial PRIMARY KEY,
    did         text NOT NULL,
    rkey        text NOT NULL,
    cid         text NOT NULL,
    name        text NOT NULL,
    description text,
    indexed_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX forums_did_rkey_idx ON forums (did, rkey);

CREATE TABLE categories (
    id          bigserial PRIMARY KEY,
    did         text NOT NULL,
    rkey        text NOT NULL,
    cid         text NOT NULL,
    name        text NOT NULL,
    description text,
    slug        text,
    sort_order  integer,
    forum_id    bigint REFERENCES forums (id),
    created_at  timestamptz NOT NULL,
    indexed_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX categories_did_rkey_idx ON categories (did, rkey);

CREATE TABLE boards (
    id           bigserial PRIMARY KEY,
    did          text NOT NULL,
    rkey         text NOT NULL,
    cid          text NOT NULL,
    name         text NOT NULL,
    description  text,
    slug         text,
    sort_order   integer,
    category_id  bigint REFERENCES categories (id),
    category_uri text NOT NULL,
    created_at   timestamptz NOT NULL,
    indexed_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX boards_did_rkey_idx ON boards (did, rkey);
CREATE INDEX boards_category_id_idx ON boards (category_id);

CREATE TABLE users (
    did        text PRIMARY KEY,
    handle     text,
    indexed_at timestamptz NOT NULL
);

CREATE TABLE memberships (
    id         bigserial PRIMARY KEY,
    did        text NOT NULL REFERENCES users (did),
    rkey       text NOT NULL,
    cid        text NOT NULL,
    forum_id   bigint REFERENCES forums (id),
    forum_uri  text NOT NULL,
    role       text,
    role_uri   text,
    joined_at  timestamptz,
    created_at timestamptz NOT NULL,
    indexed_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX memberships_did_rkey_idx ON memberships (did, rkey);
CREATE INDEX memberships_did_idx ON memberships (did);

CREATE TABLE posts (
    id              bigserial PRIMARY KEY,
    did             text NOT NULL REFERENCES users (did),
    rkey            text NOT NULL,
    cid             text NOT NULL,
    title           text,
    text            text NOT NULL,
    forum_uri       text,
    board_uri       text,
    board_id        bigint REFERENCES boards (id),
    root_post_id    bigint REFERENCES posts (id),
    parent_post_id  bigint REFERENCES posts (id),
    root_uri        text,
    parent_uri      text,
    created_at      timestamptz NOT NULL,
    indexed_at      timestamptz NOT NULL,
    banned_by_mod   boolean NOT NULL DEFAULT false,
    deleted_by_user boolean NOT NULL DEFAULT false
);
CREATE UNIQUE INDEX posts_did_rkey_idx ON posts (did, rkey);
CREATE INDEX posts_forum_uri_idx ON posts (forum_uri);
CREATE INDEX posts_board_id_idx ON posts (board_id);
CREATE INDEX posts_board_uri_idx ON posts (board_uri);
CREATE INDEX posts_root_post_id_idx ON posts (root_post_id);

CREATE TABLE mod_actions (
    id               bigserial PRIMARY KEY,
    did              text NOT NULL,
    rkey             text NOT NULL,
    cid              text NOT NULL,
    action           text NOT NULL,
    subject_did      text,
    subject_post_uri text,
    forum_id         bigint REFERENCES forums (id),
    reason           text,
    created_by       text NOT NULL,
    expires_at       timestamptz,
    created_at       timestamptz NOT NULL,
    indexed_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX mod_actions_did_rkey_idx ON mod_actions (did, rkey);
CREATE INDEX mod_actions_subject_did_idx ON mod_actions (subject_did);
CREATE INDEX mod_actions_subject_post_uri_idx ON mod_actions (subject_post_uri);

CREATE TABLE firehose_cursor (
    service    text PRIMARY KEY DEFAULT 'jetstream',
    cursor     bigint NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE roles (
    id          bigserial PRIMARY KEY,
    did         text NOT NULL,
    rkey        text NOT NULL,
    cid         text NOT NULL,
    name        text NOT NULL,
    description text,
    permissions text[] NOT NULL DEFAULT '{}',
    priority    integer NOT NULL,
    created_at  timestamptz NOT NULL,
    indexed_at  timestamptz NOT NULL
);
CREATE UNIQUE INDEX roles_did_rkey_idx ON roles (did, rkey);
CREATE INDEX roles_did_idx ON roles (did);
CREATE INDEX roles_did_name_idx ON roles (did, name);

CREATE TABLE backfill_progress (
    id                 bigserial PRIMARY KEY,
    status             text NOT NULL,
    backfill_type      text NOT NULL,
    last_processed_did text,
    dids_total         integer NOT NULL DEFAULT 0,
    dids_processed     integer NOT NULL DEFAULT 0,
    records_indexed    integer NOT NULL DEFAULT 0,
    started_at         timestamptz NOT NULL,
    completed_at       timestamptz,
    error_message      text
);

CREATE TABLE backfill_errors (
    id            bigserial PRIMARY KEY,
    backfill_id   bigint NOT NULL REFERENCES backfill_progress (id),
    did           text NOT NULL,
    collection    text NOT NULL,
    error_message text NOT NULL,
    created_at    timestamptz NOT NULL
);
CREATE INDEX backfill_errors_backfill_id_idx ON backfill_errors (backfill_id);
