package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** categories; a new category fills in the category_id of boards that arrived before it. */
final class Categories extends Table<CategoryRow> {
    private static final String UPSERT = """
            INSERT INTO categories (did, rkey, cid, name, description, slug, sort_order, created_at, indexed_at, forum_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT id FROM forums WHERE did = ? AND rkey = 'self'))
            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                description = excluded.description, slug = excluded.slug, sort_order = excluded.sort_order,
                created_at = excluded.created_at, indexed_at = excluded.indexed_at, forum_id = excluded.forum_id""";
    private static final String ATTACH_BOARDS = """
            UPDATE boards SET category_id = (SELECT id FROM categories WHERE did = ? AND rkey = ?)
            WHERE category_uri = ? AND category_id IS NULL""";
    private static final String DETACH_BOARDS =
            "UPDATE boards SET category_id = NULL WHERE category_id = (SELECT id FROM categories WHERE did = ? AND rkey = ?)";
    private static final String DELETE = "DELETE FROM categories WHERE did = ? AND rkey = ?";
    static final String EXISTS = "SELECT 1 FROM categories WHERE did = ? AND rkey = ?";

    Categories() {
        super(Nsid.CATEGORY, CategoryRow.class, DETACH_BOARDS, DELETE);
    }

    @Override
    void put(RecordWriter w, Statements s, CategoryRow category) throws SQLException {
        AtUri uri = category.uri();
        Listing listing = category.listing();
        s.update(UPSERT, uri.did(), uri.rkey(), category.cid(), listing.name(), listing.description(),
                listing.slug(), listing.sortOrder(), category.createdAt(), w.indexedAt(), uri.did());
        s.update(ATTACH_BOARDS, uri.did(), uri.rkey(), uri.toString());
    }

}
