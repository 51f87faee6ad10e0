package space.atbb.appview.indexer;

/** {@code space.atbb.forum.board}: where topics are posted, inside a category. */
final class BoardHandler extends RecordHandler {
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

    BoardHandler() {
        super(Nsid.BOARD, true);
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                Rows.detach(w, "posts", "board_id", "boards", uri);
                Rows.delete(w, "boards", uri);
            };
        }
        RecordFields fields = new RecordFields(event.record());
        Listing listing = Listing.read(fields);
        AtUri category = fields.strongRef("category", Nsid.CATEGORY);
        var createdAt = fields.datetime("createdAt");
        return w -> {
            if (!w.exists("categories", category)) {
                w.outcome().parked(event.key(), "category " + category + " is not indexed yet");
            }
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), listing.name(), listing.description(), listing.slug(),
                    listing.sortOrder(),
                    category.toString(), createdAt, w.now(), category.did(), category.rkey());
            w.update(ATTACH_TOPICS, uri.did(), uri.rkey(), uri.toString());
        };
    }
}
