package space.atbb.appview.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import space.atbb.appview.auth.Sessions;
import space.atbb.appview.http.Permission;
import space.atbb.appview.testing.ForumSeed;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Response;
import space.atbb.db.Database;
import space.atbb.db.schema.Role;
import space.atbb.db.testing.DatabaseTest;

class AdminApiTest {
    private static final String MANAGE_ROLES = Permission.MANAGE_ROLES.id();

    @DatabaseTest
    void refusesCallersWithoutALiveSession(Database db) {
        Sessions sessions = new Sessions(db, Clock.systemUTC());
        String revoked = sessions.create("did:plc:alice", Duration.ofHours(1)).token();
        sessions.revokeToken(revoked);
        String expired = new Sessions(db, Clock.offset(Clock.systemUTC(), Duration.ofDays(-2)))
                .create("did:plc:alice", Duration.ofDays(1)).token();

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            for (String path : new String[] {"/api/admin/members/me", "/api/admin/roles"}) {
                app.get(path).assertProblem(401, "Authentication required");
                app.get(path, "not-a-token").assertProblem(401, "Invalid session");
                app.get(path, revoked).assertProblem(401, "Invalid session");
                app.get(path, expired).assertProblem(401, "Invalid session");
            }
            app.get("/api/admin/nothing-here", revoked).assertProblem(401, "Invalid session");
        }
    }

    @DatabaseTest
    void listsRolesOnlyForHoldersOfManageRoles(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Role admin = seed.role(ForumSeed.FORUM_DID, "Admin", 0, MANAGE_ROLES, "space.atbb.permission.banUsers");
        Role owner = seed.role(ForumSeed.FORUM_DID, "Owner", -1, "*");
        Role member = seed.role(ForumSeed.FORUM_DID, "Member", 10, "space.atbb.permission.createPosts");
        seed.role("did:plc:elsewhere", "Foreign admin", 0, "*");
        Role empty = seed.role(ForumSeed.FORUM_DID, "Nothing", 20);
        seed.membership(seed.user("did:plc:admin"), admin);
        seed.membership(seed.user("did:plc:owner"), owner);
        seed.membership(seed.user("did:plc:member"), member);
        seed.membership(seed.user("did:plc:nobody"), null);
        Sessions sessions = new Sessions(db, Clock.systemUTC());

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response roles = app.get("/api/admin/roles", token(sessions, "did:plc:admin"));
            assertThat(roles.status()).isEqualTo(200);
            assertThat(roles.body().findValuesAsText("name")).containsExactly("Owner", "Admin", "Member", "Nothing");
            assertThat(roles.body().get(1).path("permissions").toString())
                    .isEqualTo("[\"space.atbb.permission.banUsers\",\"" + MANAGE_ROLES + "\"]");
            assertThat(roles.body().get(3).path("id").asText()).isEqualTo(empty.getId().toString());
            assertThat(roles.body().get(3).path("permissions")).isEmpty();

            assertThat(app.get("/api/admin/roles", token(sessions, "did:plc:owner")).status()).isEqualTo(200);
            app.get("/api/admin/roles", token(sessions, "did:plc:member")).assertProblem(403, "Permission denied");
            app.get("/api/admin/roles", token(sessions, "did:plc:nobody")).assertProblem(403, "Permission denied");
            app.get("/api/admin/roles", token(sessions, "did:plc:stranger")).assertProblem(403, "Permission denied");
        }
        try (RunningAppView unconfigured = RunningAppView.start(db, null)) {
            unconfigured.get("/api/admin/roles", token(sessions, "did:plc:owner")).assertProblem(403, "Permission denied");
        }
    }

    @DatabaseTest
    void failsClosedWhenTheRoleIsNotTheForums(Database db) {
        ForumSeed seed = new ForumSeed(db);
        // A membership pointing at a role of another DID grants nothing, even "*".
        seed.membership(seed.user("did:plc:mallory"), seed.role("did:plc:mallory", "Self-made", 0, "*"));
        Sessions sessions = new Sessions(db, Clock.systemUTC());

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            String token = token(sessions, "did:plc:mallory");
            app.get("/api/admin/roles", token).assertProblem(403, "Permission denied");
            Response me = app.get("/api/admin/members/me", token);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body().path("role").isNull()).isTrue();
            assertThat(me.body().path("permissions")).isEmpty();
        }
    }

    @DatabaseTest
    void tellsTheCallerTheirRoleAndPermissions(Database db) {
        ForumSeed seed = new ForumSeed(db);
        Role moderator = seed.role(ForumSeed.FORUM_DID, "Moderator", 5,
                "space.atbb.permission.moderatePosts", "space.atbb.permission.banUsers");
        seed.membership(seed.user("did:plc:mod"), moderator);
        Sessions sessions = new Sessions(db, Clock.systemUTC());

        try (RunningAppView app = RunningAppView.start(db, ForumSeed.FORUM_DID)) {
            Response me = app.get("/api/admin/members/me", token(sessions, "did:plc:mod"));
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body().path("did").asText()).isEqualTo("did:plc:mod");
            assertThat(me.body().path("role").path("name").asText()).isEqualTo("Moderator");
            assertThat(me.body().path("role").path("id").asText()).isEqualTo(moderator.getId().toString());
            assertThat(me.body().path("permissions").toString()).isEqualTo(
                    "[\"space.atbb.permission.banUsers\",\"space.atbb.permission.moderatePosts\"]");
        }
    }

    private static String token(Sessions sessions, String did) {
        return sessions.create(did, Duration.ofHours(1)).token();
    }
}
