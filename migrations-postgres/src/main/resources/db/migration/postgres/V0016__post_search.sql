-- Full-text search over posts' titles and texts (SQLite's is V0005): a GIN index on an expression,
-- so no column is added. The expression must stay identical to the one in
-- space.atbb.db.Dialect.postTextMatch, or queries stop using the index. Every character that is
-- not a letter or digit becomes a space, so words split as in SQLite's unicode61 tokenizer;
-- 'simple' lower-cases and neither stems nor drops stop words, as FTS5 does.
CREATE INDEX posts_search_idx ON posts USING gin (
    to_tsvector('simple', regexp_replace(coalesce(title, '') || ' ' || text, '[^[:alnum:]]+', ' ', 'g'))
);
