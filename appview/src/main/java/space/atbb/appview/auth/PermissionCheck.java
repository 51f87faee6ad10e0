package space.atbb.appview.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import java.util.Map;
import java.util.Optional;
import space.atbb.appview.http.Permission;
import space.atbb.db.permissions.Permissions;

/**
 * The one check of the {@link Permission}s a route declares: the caller, known from
 * {@link BearerAuth}, must hold each of them in the configured forum, else a 403. Fails closed:
 * without a FORUM_DID nothing is granted.
 *
 * <pre>
 * new PermissionCheck(permissions, config.forumDid()).register(cfg.routes);
 * cfg.routes.get("/api/admin/roles", handler, Permission.MANAGE_ROLES); // 403 unless the caller holds it
 * </pre>
 */
public final class PermissionCheck {
    private final Permissions permissions;
    private final Optional<String> forumDid;

    public PermissionCheck(Permissions permissions, Optional<String> forumDid) {
        this.permissions = permissions;
        this.forumDid = forumDid;
    }

    /** Runs the check before every matched route; routes that declare no permission pass. */
    public void register(RoutesConfig routes) {
        routes.beforeMatched(this::check);
    }

    private void check(Context ctx) {
        for (var role : ctx.routeRoles()) {
            if (role instanceof Permission required) {
                require(BearerAuth.callerDid(ctx), required.id());
            }
        }
    }

    private void require(String did, String permission) {
        String forum = forumDid.orElseThrow(() -> new ForbiddenResponse("Permission denied",
                Map.of("permission", permission + " is required, and this appview has no FORUM_DID to grant it")));
        if (!permissions.checkPermission(forum, did, permission)) {
            throw new ForbiddenResponse("Permission denied",
                    Map.of("permission", did + " lacks " + permission + " in " + forum));
        }
    }
}
