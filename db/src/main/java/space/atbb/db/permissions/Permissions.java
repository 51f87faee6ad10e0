package space.atbb.db.permissions;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hibernate.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;
import space.atbb.db.schema.RolePermission;

/**
 * Who may do what in a forum: a member's membership names a role of the forum, and the role's
 * {@code role_permissions} rows name what it allows ({@value #ALL} allows everything). The same
 * queries run on both dialects.
 *
 * <pre>
 * Permissions permissions = new Permissions(db);
 * permissions.saveRole(new RoleRecord(forumDid, "mod", cid, "Moderator", null, 20, createdAt),
 *                      List.of("space.atbb.permission.moderatePosts"));
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
     * Inserts or updates the role with the record's (did, rkey) and replaces its permissions
     * with {@code permissions} (duplicates collapse), in one transaction.
     *
     * @return the role's id
     * @throws IllegalArgumentException when a permission is null or holds a NUL character
     */
    public long saveRole(RoleRecord role, Collection<String> permissions) {
        LinkedHashSet<String> distinct = new LinkedHashSet<>(permissions);
        if (distinct.contains(null)) {
            throw new IllegalArgumentException("Role " + role.did() + "/" + role.rkey()
                    + " has a null permission; permissions are strings (unknown ones are kept as data).");
        }
        // SQLite would store it and PostgreSQL's text cannot: refused on both, a role saves alike everywhere.
        if (distinct.stream().anyMatch(permission -> permission.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("Role " + role.did() + "/" + role.rkey() + " has a permission"
                    + " holding a NUL character (\\u0000), which PostgreSQL cannot store; remove it from the role.");
        }
        return db.inTransaction(s -> {
            // Native because Hibernate's SQLite dialect cannot render an HQL conflict target; the
            // statement itself is the same on both (SQLite has had ON CONFLICT ... RETURNING since 3.35).
            long roleId = s.createNativeQuery("""
                            INSERT INTO roles (did, rkey, cid, name, description, priority, created_at, indexed_at)
                            VALUES (:did, :rkey, :cid, :name, :description, :priority, :createdAt, :indexedAt)
                            ON CONFLICT (did, rkey) DO UPDATE SET cid = excluded.cid, name = excluded.name,
                                description = excluded.description, priority = excluded.priority,
                                created_at = excluded.created_at, indexed_at = excluded.indexed_at
                            RETURNING id
                            """, Long.class)
                    .setParameter("did", role.did())
                    .setParameter("rkey", role.rkey())
                    .setParameter("cid", role.cid())
                    .setParameter("name", role.name())
                    .setParameter("description", role.description(), String.class)
                    .setParameter("priority", role.priority())
                    .setParameter("createdAt", role.createdAt(), Instant.class)
                    .setParameter("indexedAt", Instant.now(), Instant.class)
                    .getSingleResult();
            s.createMutationQuery("delete from RolePermission p where p.roleId = :roleId")
                    .setParameter("roleId", roleId)
                    .executeUpdate();
            distinct.forEach(permission -> s.persist(new RolePermission(roleId, permission)));
            return roleId;
        });
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
                .setParameter("forumUri", "at://" + forumDid + "/space.atbb.forum.forum/self")
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
        String prefix = "at://" + forumDid + "/space.atbb.forum.role/";
        if (!roleUri.startsWith(prefix)) {
            return Optional.empty();
        }
        String rkey = roleUri.substring(prefix.length());
        return rkey.isEmpty() || rkey.contains("/") ? Optional.empty() : Optional.of(rkey);
    }
}
