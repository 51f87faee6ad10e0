-- Bearer-token sessions of the HTTP API. Only the SHA-256 of a token is stored, never the token.
CREATE TABLE sessions (
    token_hash text        PRIMARY KEY,
    did        text        NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX sessions_did_idx ON sessions (did);
