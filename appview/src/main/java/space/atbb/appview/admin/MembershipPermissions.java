package space.atbb.appview.admin;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import space.atbb.db.Database;
import space.atbb.db.schema.Membership;
import space.atbb.db.schema.Role;

/**
 * A minimal {@link PermissionChecker}: the user's membership of the forum carries a role_uri,
 * which must name a role record of the forum's own DID; that role's role_permissions rows are
 * what the user may do. Anything that does not line up grants nothing.
 */
public final class MembershipPermissions implements PermissionChecker {
    private static final String ALL = "*";
    private final Database db;

    public MembershipPermissions(Database db) {
        this.db = db;
    }

    @Override
    public boolean checkPermission(String forumDid, String userDid, String permission) {
        return getUserRole(forumDid, userDid)
                .map(role -> getRolePermissions(role.getId()))
                .map(granted -> granted.contains(ALL) || granted.contains(permission))
                .orElse(false);
    }

    @Override
    public Optional<Role> getUserRole(String forumDid, String userDid) {
        String forumUri = "at://" + forumDid + "/space.atbb.forum.forum/self";
        String rolePrefix = "at://" + forumDid + "/space.atbb.forum.role/";
        return db.inTransaction(s -> s.createSelectionQuery(
                        "from Membership m where m.did = :user and m.forumUri = :forum and m.roleUri is not null",
                        Membership.class)
                .setParameter("user", userDid).setParameter("forum", forumUri).getResultList().stream()
                .map(Membership::getRoleUri)
                .filter(uri -> uri.startsWith(rolePrefix))
                .flatMap(uri -> s.createSelectionQuery("from Role r where r.did = :forum and r.rkey = :rkey", Role.class)
                        .setParameter("forum", forumDid).setParameter("rkey", uri.substring(rolePrefix.length()))
                        .getResultList().stream())
                // Lower priority is the stronger role.
                .min(Comparator.comparingInt(Role::getPriority).thenComparing(Role::getId)));
    }

    @Override
    public List<String> getRolePermissions(long roleId) {
        return db.inTransaction(s -> s.createSelectionQuery(
                        "select rp.permission from RolePermission rp where rp.roleId = :role order by rp.permission",
                        String.class)
                .setParameter("role", roleId).getResultList());
    }
}
