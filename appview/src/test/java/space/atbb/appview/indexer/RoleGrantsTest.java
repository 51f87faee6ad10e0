package space.atbb.appview.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static space.atbb.appview.indexer.TestEvents.FORUM;

import java.util.ArrayList;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.permissions.Permissions;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

/** A member with several standing grants holds the strongest role: lowest priority, the newest grant on a tie. */
class RoleGrantsTest {
    private static final String ALICE = "did:plc:alice";
    private static final String ROLES = "at://did:plc:forum/space.atbb.forum.role/";
    private static final String MANAGE_ROLES = "space.atbb.permission.manageRoles";
    private static final String CREATE_POSTS = "space.atbb.permission.createPosts";

    @DatabaseTest
    void theStrongestGrantWinsNotTheNewest(Database db) {
        TestEvents events = new TestEvents();
        Indexer indexer = new Indexer(db, FORUM);
        List<String> lines = new ArrayList<>(events.structure());
        lines.add(events.membership(ALICE));
        lines.add(events.grant("g-admin", ALICE, "admin", "2026-11-22T10:00:00.000Z")); // before its role
        lines.add(events.role("admin", "Admin", 0, "*"));
        lines.add(events.role("member", "Member", 20, CREATE_POSTS));
        lines.add(events.role("helper", "Helper", 20, CREATE_POSTS));
        lines.add(events.grant("g-member", ALICE, "member", "2026-11-22T12:00:00.000Z"));
        lines.add(events.grant("g-helper", ALICE, "helper", "2026-11-22T11:00:00.000Z"));
        indexer.apply("jetstream", lines);
        Permissions permissions = new Permissions(db);

        assertThat(Tables.membership(db, ALICE).getRoleUri()).isEqualTo(ROLES + "admin");
        assertThat(permissions.getUserRole(FORUM, ALICE).orElseThrow().name()).isEqualTo("Admin");
        assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).isTrue();

        // Without the admin grant: member and helper tie at 20, and the newer grant (member) wins.
        indexer.apply("jetstream", List.of(events.delete(FORUM, Nsid.MEMBER_ROLE, "g-admin")));
        assertThat(permissions.getUserRole(FORUM, ALICE).orElseThrow().name()).isEqualTo("Member");
        assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).isFalse();
        assertThat(permissions.checkPermission(FORUM, ALICE, CREATE_POSTS)).isTrue();

        // A role's new priority changes who holds it at once.
        indexer.apply("jetstream", List.of(events.role("helper", "Helper", 5, CREATE_POSTS, MANAGE_ROLES)));
        assertThat(Tables.membership(db, ALICE).getRoleUri()).isEqualTo(ROLES + "helper");
        assertThat(permissions.checkPermission(FORUM, ALICE, MANAGE_ROLES)).isTrue();

        // Deleting the strongest role falls back to the next grant.
        indexer.apply("jetstream", List.of(events.delete(FORUM, Nsid.ROLE, "helper")));
        assertThat(permissions.getUserRole(FORUM, ALICE).orElseThrow().name()).isEqualTo("Member");
    }
}
