package space.atbb.db.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.records.RoleRow;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Membership;
import space.atbb.db.schema.Role;
import space.atbb.db.schema.User;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;
import space.atbb.lexicon.AtUri;
import space.atbb.lexicon.Nsid;

/** The permission model, on every dialect. */
class PermissionsTest {
    private static final String FORUM = "did:plc:forum";
    private static final String USER = "did:plc:alice";
    private static final String CREATE_POSTS = "space.atbb.permission.createPosts";
    private static final String BAN_USERS = "space.atbb.permission.banUsers";
    private static final Instant CREATED = Instant.parse("2026-11-22T10:00:00Z");

    @DatabaseTest
    void grantsWhatTheMembersRoleHolds(Database db) {
        Permissions permissions = new Permissions(db);
        long role = permissions.saveRole(role("member", "Member", 30, List.of(CREATE_POSTS)));
        join(db, USER, "m1", forumUri(FORUM), roleUri(FORUM, "member"));

        assertThat(permissions.checkPermission(FORUM, USER, CREATE_POSTS)).isTrue();
        assertThat(permissions.checkPermission(FORUM, USER, BAN_USERS)).isFalse();
        assertThat(permissions.getUserRole(FORUM, USER)).contains(new UserRole(role, "Member", 30));
    }

    @DatabaseTest
    void theWildcardGrantsEverything(Database db) {
        Permissions permissions = new Permissions(db);
        permissions.saveRole(role("owner", "Owner", 0, List.of(Permissions.ALL)));
        join(db, USER, "m1", forumUri(FORUM), roleUri(FORUM, "owner"));

        assertThat(permissions.checkPermission(FORUM, USER, BAN_USERS)).isTrue();
        assertThat(permissions.checkPermission(FORUM, USER, "anything.at.all")).isTrue();
    }

    @DatabaseTest
    void findsTheMembershipByTheForumsRowToo(Database db) {
        Permissions permissions = new Permissions(db);
        permissions.saveRole(role("mod", "Moderator", 20, List.of(BAN_USERS)));
        long forumId = db.inTransaction(s -> {
            Forum forum = new Forum();
            forum.setDid(FORUM);
            forum.setRkey("self");
            forum.setCid("bafy-forum");
            forum.setName("Forum");
            forum.setIndexedAt(CREATED);
            s.persist(forum);
            return forum.getId();
        });
        Membership membership = join(db, USER, "m1", "at://did:plc:forum/space.atbb.forum.forum/other", roleUri(FORUM, "mod"));
        assertThat(permissions.checkPermission(FORUM, USER, BAN_USERS)).isFalse();

        db.useTransaction(s -> s.find(Membership.class, membership.getId()).setForumId(forumId));

        assertThat(permissions.checkPermission(FORUM, USER, BAN_USERS)).isTrue();
    }

    @DatabaseTest
    void failsClosed(Database db) {
        Permissions permissions = new Permissions(db);
        permissions.saveRole(role("admin", "Admin", 10, List.of(Permissions.ALL)));
        // A role of the same rkey written by someone else must not count.
        permissions.saveRole(new RoleRow(AtUri.of("did:plc:mallory", Nsid.ROLE, "fake"), "bafy", "Fake", null, 0,
                CREATED, List.of(Permissions.ALL)));
        join(db, "did:plc:norole", "m1", forumUri(FORUM), null);
        join(db, "did:plc:dangling", "m2", forumUri(FORUM), roleUri(FORUM, "deleted"));
        join(db, "did:plc:foreign", "m3", forumUri(FORUM), roleUri("did:plc:mallory", "fake"));
        join(db, "did:plc:garbled", "m4", forumUri(FORUM), "not a uri");
        join(db, "did:plc:elsewhere", "m5", forumUri("did:plc:other"), roleUri(FORUM, "admin"));

        for (String user : List.of("did:plc:stranger", "did:plc:norole", "did:plc:dangling", "did:plc:foreign",
                "did:plc:garbled", "did:plc:elsewhere")) {
            assertThat(permissions.checkPermission(FORUM, user, BAN_USERS)).as(user).isFalse();
            assertThat(permissions.getUserRole(FORUM, user)).as(user).isEmpty();
        }
        assertThat(permissions.checkPermission(FORUM, USER, null)).isFalse();
    }

    @DatabaseTest
    void anErrorDenies(TestDatabase test) {
        join(test.database(), USER, "m1", forumUri(FORUM), roleUri(FORUM, "admin"));
        new Permissions(test.database()).saveRole(role("admin", "Admin", 10, List.of(Permissions.ALL)));
        Database closed = Databases.create(test.url());
        closed.close();

        assertThat(new Permissions(closed).checkPermission(FORUM, USER, BAN_USERS)).isFalse();
        assertThat(new Permissions(test.database()).checkPermission(FORUM, USER, BAN_USERS)).isTrue();
    }

    @DatabaseTest
    void theLatestMembershipDecides(Database db) {
        Permissions permissions = new Permissions(db);
        permissions.saveRole(role("admin", "Admin", 10, List.of(Permissions.ALL)));
        permissions.saveRole(role("member", "Member", 30, List.of(CREATE_POSTS)));
        join(db, USER, "old", forumUri(FORUM), roleUri(FORUM, "admin"), CREATED);
        join(db, USER, "new", forumUri(FORUM), roleUri(FORUM, "member"), CREATED.plusSeconds(60));

        assertThat(permissions.getUserRole(FORUM, USER)).map(UserRole::name).contains("Member");
        assertThat(permissions.checkPermission(FORUM, USER, BAN_USERS)).isFalse();
    }

    @DatabaseTest
    void savingARoleAgainUpdatesItAndReplacesItsPermissions(Database db) {
        Permissions permissions = new Permissions(db);
        long first = permissions.saveRole(role("mod", "Moderator", 20, List.of(CREATE_POSTS, BAN_USERS)));

        Instant beforeSave = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long second = permissions.saveRole(new RoleRow(AtUri.of(FORUM, Nsid.ROLE, "mod"), "bafy-v2", "Moderators",
                "They moderate", 15, CREATED.plusMillis(1500),
                List.of(BAN_USERS, "space.atbb.permission.moderatePosts", BAN_USERS)));

        assertThat(second).isEqualTo(first);
        assertThat(permissions.getRolePermissions(first))
                .containsExactly(BAN_USERS, "space.atbb.permission.moderatePosts");
        Role saved = db.inTransaction(s -> s.find(Role.class, first));
        assertThat(saved.getName()).isEqualTo("Moderators");
        assertThat(saved.getDescription()).isEqualTo("They moderate");
        assertThat(saved.getPriority()).isEqualTo(15);
        assertThat(saved.getCid()).isEqualTo("bafy-v2");
        assertThat(saved.getCreatedAt()).isEqualTo(CREATED.plusMillis(1500));
        assertThat(saved.getIndexedAt()).isAfterOrEqualTo(beforeSave);
        assertThat(permissions.saveRole(role("mod", "Moderators", 15, List.of()))).isEqualTo(first);
        assertThat(permissions.getRolePermissions(first)).isEmpty();
    }

    @DatabaseTest
    void keepsPermissionStringsByteForByte(Database db) {
        List<String> awkward = List.of("it's", "\"quoted\"", "back\\slash", "a,b", "{braces}", "two words",
                "NULL", "'; DROP TABLE role_permissions; --", "ünïcödé 日本語 🧵", "", " padded ", "Case", "case");
        Permissions permissions = new Permissions(db);

        long role = permissions.saveRole(role("odd", "Odd", 50, awkward));

        assertThat(permissions.getRolePermissions(role)).containsExactlyInAnyOrderElementsOf(awkward);
        List<String> sorted = new ArrayList<>(awkward);
        sorted.sort(null);
        assertThat(permissions.getRolePermissions(role)).containsExactlyElementsOf(sorted);
    }

    @DatabaseTest
    void refusesANullPermissionAndKeepsTheRoleAsItWas(Database db) {
        Permissions permissions = new Permissions(db);
        long role = permissions.saveRole(role("mod", "Moderator", 20, List.of(BAN_USERS)));

        assertThatThrownBy(() -> permissions.saveRole(role("mod", "Renamed", 20, Arrays.asList("x", null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Role at://did:plc:forum/space.atbb.forum.role/mod has a null permission");
        assertThat(permissions.getRolePermissions(role)).containsExactly(BAN_USERS);
        assertThat(db.inTransaction(s -> s.find(Role.class, role)).getName()).isEqualTo("Moderator");
    }

    /** SQLite could store it, PostgreSQL cannot: refused on both before anything is written. */
    @DatabaseTest
    void refusesAPermissionHoldingANulOnEveryDialect(Database db) {
        Permissions permissions = new Permissions(db);
        long role = permissions.saveRole(role("mod", "Moderator", 20, List.of(BAN_USERS)));

        assertThatThrownBy(() -> permissions.saveRole(role("mod", "Renamed", 20, List.of(BAN_USERS, "ban\0Users"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Role at://did:plc:forum/space.atbb.forum.role/mod has a permission holding a NUL character (\\u0000)");
        assertThatThrownBy(() -> permissions.saveRole(role("new", "New", 20, List.of("\0"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(permissions.getRolePermissions(role)).containsExactly(BAN_USERS);
        assertThat(db.inTransaction(s -> s.find(Role.class, role)).getName()).isEqualTo("Moderator");
        long created = db.inTransaction(s -> s.createQuery("select count(r) from Role r where r.rkey = 'new'", Long.class)
                .getSingleResult());
        assertThat(created).isZero();
    }

    @DatabaseTest
    void deletingARoleDeletesItsPermissionRows(Database db) {
        Permissions permissions = new Permissions(db);
        long role = permissions.saveRole(role("mod", "Moderator", 20, List.of(BAN_USERS, CREATE_POSTS)));

        db.useTransaction(s -> s.createMutationQuery("delete from Role r where r.id = :id")
                .setParameter("id", role).executeUpdate());

        assertThat(permissions.getRolePermissions(role)).isEmpty();
        long rows = db.inTransaction(s -> s.createQuery("select count(p) from RolePermission p", Long.class)
                .getSingleResult());
        assertThat(rows).isZero();
    }

    private static RoleRow role(String rkey, String name, int priority, Collection<String> permissions) {
        return new RoleRow(AtUri.of(FORUM, Nsid.ROLE, rkey), "bafy-" + rkey, name, null, priority, CREATED, permissions);
    }

    private static String forumUri(String forumDid) {
        return AtUri.forum(forumDid).toString();
    }

    private static String roleUri(String forumDid, String rkey) {
        return AtUri.of(forumDid, Nsid.ROLE, rkey).toString();
    }

    private static Membership join(Database db, String userDid, String rkey, String forumUri, String roleUri) {
        return join(db, userDid, rkey, forumUri, roleUri, CREATED);
    }

    private static Membership join(Database db, String userDid, String rkey, String forumUri, String roleUri,
                                   Instant createdAt) {
        return db.inTransaction(s -> {
            if (s.find(User.class, userDid) == null) {
                s.persist(new User(userDid, CREATED));
            }
            Membership membership = new Membership();
            membership.setDid(userDid);
            membership.setRkey(rkey);
            membership.setCid("bafy-" + rkey);
            membership.setForumUri(forumUri);
            membership.setRoleUri(roleUri);
            membership.setCreatedAt(createdAt);
            membership.setIndexedAt(CREATED);
            s.persist(membership);
            return membership;
        });
    }
}
