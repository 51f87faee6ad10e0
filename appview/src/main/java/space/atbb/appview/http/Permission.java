package space.atbb.appview.http;

import io.javalin.security.RouteRole;

/**
 * A forum permission a route requires, declared on the route and checked before its handler
 * runs (see {@code auth.PermissionCheck}):
 *
 * <pre>
 * routes.get("/api/admin/roles", this::roles, Permission.MANAGE_ROLES);
 * </pre>
 */
public enum Permission implements RouteRole {
    MANAGE_ROLES("space.atbb.permission.manageRoles");

    private final String id;

    Permission(String id) {
        this.id = id;
    }

    /** The permission as roles grant it in {@code role_permissions}. */
    public String id() {
        return id;
    }
}
