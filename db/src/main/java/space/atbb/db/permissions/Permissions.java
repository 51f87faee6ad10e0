package space.atbb.db.permissions;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;
import space.atbb.db.records.RoleRow;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * Who may do what in a forum: a member's membership names a role of the forum, and the role's
 * {@code role_permissions} rows name what it allows ({@value #ALL} allows everything). The same
 * queries run on both dialects.
 *
 * <pre>
 * Permissions permissions = new Permissions(db);
 * permissions.saveRole(new RoleRow(AtUri.of(forumDid, Nsid.ROLE, "mod"), cid, "Moderator", null, 20, createdAt,
 *                              List.of("space.atbb.permission.moderatePosts")));
 * boolean may = permissions.checkPermission(forumDid, userDid, "space.atbb.permission.moderatePosts");
 * </pre>
 */
public final class Permissions {
    /** The permission that grants every other one. */
    public static final String ALL = "*";

    private static final Logger log = LoggerFactory.getLogger(Permissions.class);

    private final Database db;

    public Permissions(Database db) {
        this.db = db;
    }

    /**
     * Whether the user's role in the forum holds {@code permission} or {@value #ALL}. Fails
     * closed: no membership, no role, a role reference that leads nowhere, or any error is false.
     */
    public boolean checkPermission(String forumDid, String userDid, String permission) {
        if (forumDid == null || userDid == null || permission == null) {
            return false;
        }
        try {
            return db.inTransaction(s -> findRole(s, forumDid, userDid)
                    .map(role -> s.createQuery("select count(p) from RolePermission p "
                                    + "where p.roleId = :roleId and p.permission in (:permission, :all)", Long.class)
                            .setParameter("roleId", role.id())
                            .setParameter("permission", permission)
                            .setParameter("all", ALL)
                            .getSingleResult() > 0)
                    .orElse(false));
        } catch (RuntimeException e) {
            log.warn("Permission check of {} for {} in forum {} failed, so it is denied: {}",
                    permission, userDid, forumDid, e.toString());
            return false;
        }
    }

    /** The user's role in the forum, if their membership names one the forum wrote. */
    public Optional<UserRole> getUserRole(String forumDid, String userDid) {
        return db.inTransaction(s -> findRole(s, forumDid, userDid));
    }

    /** The role's permissions, sorted by UTF-16 code units (the same on both dialects, whatever the collation). */
    public SortedSet<String> getRolePermissions(long roleId) {
        List<String> rows = db.inTransaction(s -> s.createQuery(
                        "select p.permission from RolePermission p where p.roleId = :roleId", String.class)
                .setParameter("roleId", roleId)
                .getResultList());
        return Collections.unmodifiableSortedSet(new TreeSet<String>(rows));
    }

    /**
     * Inserts or updates the role with the row's (did, rkey) and replaces its permissions, in one
     * transaction, through the indexer's own write path ({@link RecordWriter}).
     *
     * @return the role's id
     */
    public long saveRole(RoleRow role) {
        // A connection handed back with its transaction open is rolled back by the pool (HikariCP).
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
                w.put(role);
                w.flush();
            }
            c.commit();
        } catch (SQLException e) {
            throw new DatabaseException("Cannot save role " + role.uri() + " to " + db.url() + ": " + e.getMessage(), e);
        }
        return db.inTransaction(s -> s.createQuery("select r.id from Role r where r.did = :did and r.rkey = :rkey",
                        Long.class)
                .setParameter("did", role.uri().did())
                .setParameter("rkey", role.uri().rkey())
                .getSingleResult());
    }

    /**
     * The forum's role named by the user's latest membership of the forum (by forum URI or by
     * the forum's row). Only a role URI of the forum's own DID counts: anyone can write a role.
     */
    private static Optional<UserRole> findRole(Session s, String forumDid, String userDid) {
        Optional<String> roleUri = s.createQuery("""
                        select m.roleUri from Membership m
                        where m.did = :userDid
                          and (m.forumUri = :forumUri
                               or m.forumId in (select f.id from Forum f where f.did = :forumDid))
                        order by m.createdAt desc, m.id desc
                        """, String.class)
                .setParameter("userDid", userDid)
                .setParameter("forumUri", AtUri.forum(forumDid).toString())
                .setParameter("forumDid", forumDid)
                .setMaxResults(1)
                .uniqueResultOptional();
        return roleUri.flatMap(uri -> roleKey(forumDid, uri)).flatMap(rkey -> s.createQuery("""
                        select new space.atbb.db.permissions.UserRole(r.id, r.name, r.priority)
                        from Role r where r.did = :forumDid and r.rkey = :rkey
                        """, UserRole.class)
                .setParameter("forumDid", forumDid)
                .setParameter("rkey", rkey)
                .uniqueResultOptional());
    }

    /** The record key of {@code at://FORUMDID/space.atbb.forum.role/RKEY}, or empty for any other URI. */
    static Optional<String> roleKey(String forumDid, String roleUri) {
        return AtUri.tryParse(roleUri)
                .filter(uri -> uri.did().equals(forumDid) && uri.collection().equals(Nsid.ROLE))
                .map(AtUri::rkey);
    }
}
