package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import space.atbb.db.Database;
import space.atbb.db.Dialect;

/**
 * A small forum in every table, written with plain JDBC, with the values a copy can get wrong:
 * dates in year 1 and 9999, hidden posts, a reply indexed before its root (so it refers to a
 * larger id), text with tabs, newlines, backslashes and characters outside the BMP, 64-bit values,
 * a composite key and text keys.
 */
final class SampleRows {
    static final Instant YEAR_ONE = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant YEAR_9999 = Instant.parse("9999-12-31T23:59:59.999Z");
    static final Instant NOW = Instant.parse("2026-11-30T12:34:56.789Z");
    static final String FORUM = "did:plc:forum";
    static final String AWKWARD = "tab\there, line\nbreak, back\\slash, \r, emoji \uD83D\uDE00, é";

    private SampleRows() {
    }

    /** Writes the forum plus {@code posts} generated topics; every table gets rows. */
    static void write(Database db, int posts) throws SQLException {
        Dialect dialect = db.dialect();
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            insert(c, dialect, "forums", row("id", 1L, "did", FORUM, "rkey", "self", "cid", "c0", "name", "Forum",
                    "description", AWKWARD, "indexed_at", NOW));
            insert(c, dialect, "categories", row("id", 1L, "did", FORUM, "rkey", "cat", "cid", "c1", "name", "General",
                    "sort_order", 1L, "forum_id", 1L, "created_at", YEAR_ONE, "indexed_at", NOW));
            insert(c, dialect, "boards", row("id", 1L, "did", FORUM, "rkey", "board", "cid", "c2", "name", "Chat",
                    "category_id", 1L, "category_uri", "at://" + FORUM + "/space.atbb.forum.category/cat",
                    "created_at", YEAR_9999, "indexed_at", NOW));
            for (String did : new String[] {"did:plc:alice", "did:plc:bob", "did:plc:\u00e9motion"}) {
                insert(c, dialect, "users", row("did", did, "handle", did.substring(8) + ".test", "indexed_at", NOW));
            }
            insert(c, dialect, "memberships", row("id", 1L, "did", "did:plc:alice", "rkey", "m1", "cid", "c3",
                    "forum_id", 1L, "forum_uri", "at://" + FORUM + "/space.atbb.forum.forum/self",
                    "joined_at", null, "created_at", NOW, "indexed_at", NOW));
            // A reply indexed before its root: id 2 refers to id 3, resolved when the root arrived.
            insert(c, dialect, "posts", post(2L, "did:plc:bob", "reply", "re: " + AWKWARD, null, false, true));
            insert(c, dialect, "posts", post(3L, "did:plc:alice", "root", "root post", null, true, false));
            resolveRoot(c, 2L, 3L);
            for (long i = 0; i < posts; i++) {
                insert(c, dialect, "posts", post(10 + i, i % 2 == 0 ? "did:plc:alice" : "did:plc:\u00e9motion",
                        "gen" + i, "generated post " + i, i % 5 == 4 ? 10 + i - 1 : null, i % 7 == 0, false));
            }
            insert(c, dialect, "mod_actions", row("id", 1L, "did", FORUM, "rkey", "ban", "cid", "c4", "action", "hide",
                    "subject_post_uri", "at://did:plc:alice/space.atbb.post/root", "forum_id", 1L,
                    "created_by", FORUM, "expires_at", YEAR_9999, "created_at", NOW, "indexed_at", NOW));
            insert(c, dialect, "roles", row("id", 5L, "did", FORUM, "rkey", "admin", "cid", "c5", "name", "Admin",
                    "priority", 0L, "created_at", NOW, "indexed_at", NOW));
            for (String permission : new String[] {"*", "space.atbb.permission.manageRoles", "space.atbb.permission.Z"}) {
                insert(c, dialect, "role_permissions", row("role_id", 5L, "permission", permission));
            }
            insert(c, dialect, "member_roles", row("id", 1L, "did", FORUM, "rkey", "g1", "cid", "c6",
                    "subject_did", "did:plc:alice", "role_uri", "at://" + FORUM + "/space.atbb.forum.role/admin",
                    "created_at", NOW, "indexed_at", NOW));
            insert(c, dialect, "firehose_cursor", row("service", "jetstream", "cursor", Long.MAX_VALUE - 7,
                    "updated_at", NOW));
            insert(c, dialect, "indexer_leader", row("name", "indexer", "term", 3L, "holder", "appview-2:4711",
                    "since", NOW));
            insert(c, dialect, "sessions", row("token_hash", "ab12", "did", "did:plc:alice", "created_at", NOW,
                    "expires_at", YEAR_9999, "revoked_at", null));
            insert(c, dialect, "sessions", row("token_hash", "AB12", "did", "did:plc:bob", "created_at", YEAR_ONE,
                    "expires_at", NOW, "revoked_at", NOW));
            insert(c, dialect, "backfill_progress", row("id", 1L, "status", "running", "backfill_type", "full",
                    "dids_total", 3L, "started_at", NOW));
            insert(c, dialect, "backfill_errors", row("id", 1L, "backfill_id", 1L, "did", "did:plc:bob",
                    "collection", "space.atbb.post", "error_message", AWKWARD, "created_at", NOW));
            c.commit();
        }
    }

    private static Map<String, Object> post(long id, String did, String rkey, String text, Long rootId,
                                            boolean banned, boolean deleted) {
        Map<String, Object> post = row("id", id, "did", did, "rkey", rkey, "cid", "p" + id, "text", text,
                "board_uri", "at://" + FORUM + "/space.atbb.forum.board/board", "board_id", 1L,
                "created_at", id % 3 == 0 ? YEAR_ONE : NOW, "indexed_at", NOW, "banned_by_mod", banned,
                "deleted_by_user", deleted, "last_activity_at", id % 2 == 0 ? YEAR_9999 : null);
        if (rootId != null) {
            post.put("root_post_id", rootId);
            post.put("parent_post_id", rootId);
            post.put("root_uri", "at://x/space.atbb.post/" + rootId);
        }
        return post;
    }

    static Map<String, Object> row(Object... namesAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            row.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return row;
    }

    static void insert(Connection c, Dialect dialect, String table, Map<String, Object> row) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (" + String.join(", ",
                row.keySet()) + ") VALUES (" + String.join(", ", Collections.nCopies(row.size(), "?")) + ")")) {
            int i = 1;
            for (Object value : row.values()) {
                if (value instanceof Instant instant) {
                    dialect.bindInstant(insert, i++, instant);
                } else {
                    insert.setObject(i++, value);
                }
            }
            insert.executeUpdate();
        }
    }

    private static void resolveRoot(Connection c, long replyId, long rootId) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE posts SET root_post_id = ?, parent_post_id = ? WHERE id = ?")) {
            update.setLong(1, rootId);
            update.setLong(2, rootId);
            update.setLong(3, replyId);
            update.executeUpdate();
        }
    }
}
