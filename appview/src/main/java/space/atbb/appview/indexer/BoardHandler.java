package space.atbb.appview.indexer;

/** {@code space.atbb.forum.board}: where topics are posted, inside a category. */
final class BoardHandler implements RecordHandler {
    private static final String UPSERT = """
            INSERT INTO boards (did, rkey, cid, name, description, slug, sort_order, category_uri, created_at,
                                indexed_at, category_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM categories WHERE did = ? AND rkey = ?))
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, slug = excluded.slug, sort_order = excluded.sort_order,
                category_uri = excluded.category_uri, created_at = excluded.created_at,
                indexed_at = excluded.indexed_at, category_id = excluded.category_id""";
    private static final String ATTACH_TOPICS = """
            UPDATE posts SET board_id = (SELECT id FROM boards WHERE did = ? AND rkey = ?)
            WHERE board_uri = ? AND board_id IS NULL""";

    @Override
    public String collection() {
        return Nsid.BOARD;
    }

    @Override
    public boolean forumOnly() {
        return true;
    }

    @Override
    public Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                Rows.detach(w, "posts", "board_id", "boards", uri);
                Rows.delete(w, "boards", uri);
            };
        }
        RecordFields fields = new RecordFields(event.record());
        String name = fields.text("name");
        String description = fields.optionalText("description");
        String slug = fields.optionalText("slug");
        Integer sortOrder = fields.optionalInt("sortOrder");
        AtUri category = fields.strongRef("category", Nsid.CATEGORY);
        var createdAt = fields.datetime("createdAt");
        return w -> {
            if (!w.exists("categories", category)) {
                w.outcome().parked(event.key(), "category " + category + " is not indexed yet");
            }
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), name, description, slug, sortOrder,
                    category.toString(), createdAt, w.now(), category.did(), category.rkey());
            w.update(ATTACH_TOPICS, uri.did(), uri.rkey(), uri.toString());
        };
    }
}
