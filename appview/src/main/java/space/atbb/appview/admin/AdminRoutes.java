package space.atbb.appview.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.auth.BearerAuth;
import space.atbb.appview.http.Permission;
import space.atbb.db.Database;
import space.atbb.db.permissions.Permissions;
import space.atbb.db.permissions.UserRole;
import space.atbb.db.schema.Role;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/**
 * The admin API: every route needs a session (401), and {@code /roles} needs manageRoles (403,
 * declared on the route and checked by {@code auth.PermissionCheck}).
 */
public final class AdminRoutes {
    private final Database db;
    private final Permissions permissions;
    private final BearerAuth auth;
    private final Optional<String> forumDid;

    public AdminRoutes(Database db, Permissions permissions, BearerAuth auth, Optional<String> forumDid) {
        this.db = db;
        this.permissions = permissions;
        this.auth = auth;
        this.forumDid = forumDid;
    }

    /** A role with its permissions; ids as strings. */
    record RoleView(String id, String uri, String name, String description, int priority, List<String> permissions) {
        static RoleView of(Role r, List<String> permissions) {
            return new RoleView(r.getId().toString(), AtUri.of(r.getDid(), Nsid.ROLE, r.getRkey()).toString(),
                    r.getName(), r.getDescription(), r.getPriority(), permissions);
        }
    }

    /** The caller's role in a forum; the id as a string. */
    record MemberRoleView(String id, String name, int priority) {
    }

    /** The caller, their role in this forum (null when none) and what it grants. */
    record MemberView(String did, MemberRoleView role, List<String> permissions) {
    }

    public void register(RoutesConfig routes) {
        routes.before("/api/admin/*", auth::authenticate);
        routes.get("/api/admin/members/me", this::me);
        // The permission check passed, so a forum is configured.
        routes.get("/api/admin/roles", ctx -> ctx.json(roles(forumDid.orElseThrow())), Permission.MANAGE_ROLES);
    }

    private void me(Context ctx) {
        String did = BearerAuth.callerDid(ctx);
        Optional<UserRole> role = forumDid.flatMap(forum -> permissions.getUserRole(forum, did));
        ctx.json(new MemberView(did,
                role.map(r -> new MemberRoleView(Long.toString(r.id()), r.name(), r.priority())).orElse(null),
                role.map(r -> List.copyOf(permissions.getRolePermissions(r.id()))).orElse(List.of())));
    }

    private List<RoleView> roles(String forum) {
        List<Object[]> rows = db.inTransaction(s -> s.createSelectionQuery(
                        "select r, rp.permission from Role r left join RolePermission rp on rp.roleId = r.id"
                                + " where r.did = :forum order by r.priority, r.id, rp.permission", Object[].class)
                .setParameter("forum", forum).getResultList());
        Map<Long, Role> roles = new LinkedHashMap<>();
        Map<Long, List<String>> granted = new LinkedHashMap<>();
        for (Object[] row : rows) {
            Role role = (Role) row[0];
            roles.putIfAbsent(role.getId(), role);
            List<String> list = granted.computeIfAbsent(role.getId(), id -> new ArrayList<>());
            if (row[1] != null) {
                list.add((String) row[1]);
            }
        }
        return roles.values().stream().map(r -> RoleView.of(r, granted.get(r.getId()))).toList();
    }
}
