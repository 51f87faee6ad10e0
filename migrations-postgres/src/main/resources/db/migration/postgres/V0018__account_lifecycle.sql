-- The account lifecycle (Jetstream "account" events): NULL while the account is active, else its
-- status (takendown, suspended, deactivated, deleted). Reads hide an inactive author's posts and
-- membership by this column, so taking an account down or back is one row, not a rewrite of its posts.
ALTER TABLE users ADD COLUMN account_status text;
CREATE INDEX users_inactive_idx ON users (did) WHERE account_status IS NOT NULL;

-- A moderation action with expiresAt hides its subject until then: the latest such end of the
-- actions standing on a post, compared with the time of each read (banned_by_mod keeps the
-- actions without an end). So an expiry takes effect at its instant, without an event.
ALTER TABLE posts ADD COLUMN mod_hidden_until timestamptz;
-- The posts whose moderation has an end still stored: the indexer's counts find the ended ones here.
CREATE INDEX posts_hidden_until_idx ON posts (mod_hidden_until) WHERE mod_hidden_until IS NOT NULL;
