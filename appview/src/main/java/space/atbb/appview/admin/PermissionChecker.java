package space.atbb.appview.admin;

import java.util.List;
import java.util.Optional;
import space.atbb.db.schema.Role;

/**
 * Who may do what in a forum. Shaped like {@code space.atbb.db.permissions.Permissions} (being
 * written separately), so that class can replace {@link MembershipPermissions} behind this seam.
 * Every method fails closed: no membership, no role, an unknown forum means no permission.
 */
public interface PermissionChecker {
    /** {@code *} grants every permission. */
    boolean checkPermission(String forumDid, String userDid, String permission);

    /** The role the forum granted the user through their membership, if any. */
    Optional<Role> getUserRole(String forumDid, String userDid);

    /** The role's permission strings, sorted. */
    List<String> getRolePermissions(long roleId);
}
