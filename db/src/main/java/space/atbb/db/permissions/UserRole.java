package space.atbb.db.permissions;

/** The role a member holds in a forum; its permissions come from {@link Permissions#getRolePermissions(long)}. */
public record UserRole(long id, String name, int priority) {
}
