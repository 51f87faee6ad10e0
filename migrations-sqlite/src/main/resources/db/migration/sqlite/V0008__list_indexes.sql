-- One index per list the read API pages, in the list's order with the id last, so a page walks
-- the index from the cursor and stops after it (PostgreSQL's V0019 is the same). Visibility
-- depends on the time of the read and on users, so it is checked on the rows as they come.
-- A board's topics, newest activity first (ForumQueries' ACTIVITY expression).
CREATE INDEX posts_board_topics_idx ON posts (board_id, coalesce(last_activity_at, created_at), id)
    WHERE root_uri IS NULL;
-- A thread's replies, oldest first.
CREATE INDEX posts_thread_idx ON posts (root_post_id, created_at, id);
-- A member's posts, newest first.
CREATE INDEX posts_member_idx ON posts (did, created_at, id);
-- Categories and each category's boards in order: sort_order, unset last, then id.
CREATE INDEX categories_order_idx ON categories ((sort_order IS NULL), sort_order, id);
CREATE INDEX boards_order_idx ON boards (category_id, (sort_order IS NULL), sort_order, id);
