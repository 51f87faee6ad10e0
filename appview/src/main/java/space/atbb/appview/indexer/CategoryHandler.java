package space.atbb.appview.indexer;

/** {@code space.atbb.forum.category}: a group of boards. */
final class CategoryHandler extends RecordHandler {
    private static final String UPSERT = """
            INSERT INTO categories (did, rkey, cid, name, description, slug, sort_order, created_at, indexed_at, forum_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, """ + ForumHandler.FORUM_ID + """
            )
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, slug = excluded.slug, sort_order = excluded.sort_order,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at, forum_id = excluded.forum_id""";
    private static final String ATTACH_BOARDS = """
            UPDATE boards SET category_id = (SELECT id FROM categories WHERE did = ? AND rkey = ?)
            WHERE category_uri = ? AND category_id IS NULL""";

    CategoryHandler() {
        super(Nsid.CATEGORY, true);
    }

    @Override
    Change prepare(Event event) throws RejectedEvent {
        AtUri uri = event.uri();
        if (event.isDelete()) {
            return w -> {
                Rows.detach(w, "boards", "category_id", "categories", uri);
                Rows.delete(w, "categories", uri);
            };
        }
        RecordFields fields = new RecordFields(event.record());
        Listing listing = Listing.read(fields);
        var createdAt = fields.datetime("createdAt");
        return w -> {
            w.update(UPSERT, uri.did(), uri.rkey(), event.cid(), listing.name(), listing.description(), listing.slug(),
                    listing.sortOrder(), createdAt,
                    w.now(), uri.did());
            w.update(ATTACH_BOARDS, uri.did(), uri.rkey(), uri.toString());
        };
    }
}
