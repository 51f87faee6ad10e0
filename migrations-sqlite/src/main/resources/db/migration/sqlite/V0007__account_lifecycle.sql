-- Same as PostgreSQL's V0018. users.account_status: NULL while the account is active, else its
-- status (takendown, suspended, deactivated, deleted); reads hide an inactive author by it.
ALTER TABLE users ADD COLUMN account_status TEXT;
CREATE INDEX users_inactive_idx ON users (did) WHERE account_status IS NOT NULL;

-- posts.mod_hidden_until: the latest expiresAt of the moderation actions standing on the post,
-- compared with the time of each read (banned_by_mod keeps the actions without an end).
ALTER TABLE posts ADD COLUMN mod_hidden_until TIMESTAMP;
-- The posts whose moderation has an end still stored: the indexer's counts find the ended ones here.
CREATE INDEX posts_hidden_until_idx ON posts (mod_hidden_until) WHERE mod_hidden_until IS NOT NULL;
