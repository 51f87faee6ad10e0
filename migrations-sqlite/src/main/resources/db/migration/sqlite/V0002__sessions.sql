-- Bearer-token sessions of the HTTP API. Only the SHA-256 of a token is stored, never the token.
-- TIMESTAMP columns hold INTEGER epoch milliseconds (UTC), as in V0001.
CREATE TABLE sessions (
    token_hash TEXT      NOT NULL PRIMARY KEY,
    did        TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_did_idx ON sessions (did);
