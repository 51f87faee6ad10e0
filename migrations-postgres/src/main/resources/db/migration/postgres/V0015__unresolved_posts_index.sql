-- Posts with a reference (board, root or parent) not indexed yet, by the time their batch wrote
-- them: after each batch the indexer reports the batch's parked posts with one probe of this
-- small index, instead of looking up every post of the batch.
CREATE INDEX posts_unresolved_idx ON posts (indexed_at)
    WHERE (board_uri IS NOT NULL AND board_id IS NULL)
       OR (root_uri IS NOT NULL AND root_post_id IS NULL)
       OR (parent_uri IS NOT NULL AND parent_post_id IS NULL);
