package space.atbb.db.records;

import java.sql.SQLException;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** boards; a new board fills in the board_id of topics that arrived before it. */
final class Boards extends Table<BoardRow> {
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
    private static final String DETACH_TOPICS =
            "UPDATE posts SET board_id = NULL WHERE board_id = (SELECT id FROM boards WHERE did = ? AND rkey = ?)";
    private static final String DELETE = "DELETE FROM boards WHERE did = ? AND rkey = ?";

    Boards() {
        super(Nsid.BOARD, BoardRow.class, DETACH_TOPICS, DELETE);
    }

    @Override
    void put(RecordWriter w, Statements s, BoardRow board) throws SQLException {
        AtUri uri = board.uri();
        AtUri category = board.category();
        Listing listing = board.listing();
        if (s.query(Categories.EXISTS, category.did(), category.rkey()).isEmpty()) {
            w.parked(uri, "category " + category + " is not indexed yet");
        }
        s.update(UPSERT, uri.did(), uri.rkey(), board.cid(), listing.name(), listing.description(), listing.slug(),
                listing.sortOrder(), category.toString(), board.createdAt(), w.indexedAt(),
                category.did(), category.rkey());
        s.update(ATTACH_TOPICS, uri.did(), uri.rkey(), uri.toString());
        w.counts().board(uri);
    }

}
