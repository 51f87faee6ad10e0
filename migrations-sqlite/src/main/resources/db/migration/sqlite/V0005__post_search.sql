-- Full-text search over posts' titles and texts (PostgreSQL's is V0016). An FTS5 table over the
-- posts table's own rows (external content: the text is not stored twice), kept in step by
-- triggers. unicode61 without removing diacritics splits and folds words as PostgreSQL's index does;
-- queries come from space.atbb.db.Dialect.postTextMatch, and hidden posts are filtered by the query.
CREATE VIRTUAL TABLE posts_fts USING fts5(
    title, text, content = 'posts', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER posts_fts_after_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

CREATE TRIGGER posts_fts_after_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TRIGGER posts_fts_after_update AFTER UPDATE OF title, text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO posts_fts (rowid, title, text) VALUES (new.id, new.title, new.text);
END;

-- Posts indexed before this step.
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
