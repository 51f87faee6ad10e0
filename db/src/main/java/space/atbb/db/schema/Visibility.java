package space.atbb.db.schema;

/**
 * The one rule of what the read API may show, as HQL conditions over the entities: a post is
 * shown unless a moderator hid it (for good, or until a {@code expiresAt} still ahead), its author
 * deleted it, or its author's account is not active; a membership is shown while its account is
 * active. The time of the read is a parameter, so an expiry takes effect at its instant with no
 * write; the conditions read only the post's own row and the author's users row (by key).
 *
 * <pre>
 * s.createSelectionQuery("from Post p where p.boardId = :board and " + Visibility.post("p"), Post.class)
 *         .setParameter("board", boardId)
 *         .setParameter(Visibility.NOW, Instant.now());
 * </pre>
 */
public final class Visibility {
    /** The parameter holding the time of the read. */
    public static final String NOW = "visibleAt";

    private Visibility() {
    }

    /** Whether the post {@code alias} is shown at {@code :visibleAt}. */
    public static String post(String alias) {
        return alias + ".bannedByMod = false and " + alias + ".deletedByUser = false and (" + alias
                + ".modHiddenUntil is null or " + alias + ".modHiddenUntil <= :" + NOW + ") and "
                + activeAccount(alias + ".did");
    }

    /**
     * {@link #post} in SQL over the {@code posts} table (columns unqualified), for the queries HQL
     * cannot write; binds one parameter, the time of the read.
     */
    public static String postSql() {
        return "banned_by_mod = FALSE AND deleted_by_user = FALSE AND (mod_hidden_until IS NULL OR mod_hidden_until <= ?)"
                + " AND NOT EXISTS (SELECT 1 FROM users inactive WHERE inactive.did = posts.did"
                + " AND inactive.account_status IS NOT NULL)";
    }

    /** Whether the membership {@code alias} is shown: its account is active. Takes no parameter. */
    public static String membership(String alias) {
        return activeAccount(alias + ".did");
    }

    private static String activeAccount(String did) {
        return "not exists (select 1 from User inactive where inactive.did = " + did
                + " and inactive.accountStatus is not null)";
    }
}
