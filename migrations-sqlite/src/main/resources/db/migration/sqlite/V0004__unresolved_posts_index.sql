-- Same as PostgreSQL's V0015: posts with a reference not indexed yet, by their batch's indexed_at,
-- so the indexer reports a batch's parked posts with one probe of a small index.
CREATE INDEX posts_unresolved_idx ON posts (indexed_at)
    WHERE (board_uri IS NOT NULL AND board_id IS NULL)
       OR (root_uri IS NOT NULL AND root_post_id IS NULL)
       OR (parent_uri IS NOT NULL AND parent_post_id IS NULL);
