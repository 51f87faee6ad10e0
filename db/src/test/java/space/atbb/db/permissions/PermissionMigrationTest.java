package space.atbb.db.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.flywaydb.core.api.FlywayException;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.Databases;
import space.atbb.db.permissions.PermissionMigration.Outcome;
import space.atbb.db.permissions.PermissionMigration.Result;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.LegacyRoles;
import space.atbb.db.testing.TestDatabase;

/**
 * The job across PostgreSQL steps 10 → 11 → 12. Only PostgreSQL has that history (SQLite starts
 * at the final schema), so these tests run on POSTGRES alone, except the SQLite answer itself.
 */
class PermissionMigrationTest {
    private static final String FORUM = "did:plc:forum";
    private static final List<String> AWKWARD = List.of("it's", "\"quoted\"", "back\\slash", "a,b",
            "{braces}", "two words", "NULL", "'; DROP TABLE roles; --", "ünïcödé 日本語 🧵", "", "*");

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void copiesEveryArrayFromStep10AndDropsTheColumn(Database db) {
        db.migrate("0010");
        long admin = LegacyRoles.insert(db, FORUM, "admin", List.of("*", "space.atbb.permission.manageRoles"));
        long member = LegacyRoles.insert(db, FORUM, "member", List.of("space.atbb.permission.createPosts",
                "space.atbb.permission.createPosts"));
        long empty = LegacyRoles.insert(db, FORUM, "nobody", List.of());
        long awkward = LegacyRoles.insert(db, FORUM, "awkward", AWKWARD);
        List<long[]> progress = new CopyOnWriteArrayList<>();

        Result result = new PermissionMigration(db, 3).run(true, (done, total) -> progress.add(new long[] {done, total}));

        assertThat(result).isEqualTo(new Result(Outcome.MIGRATED, 4, 2 + 1 + AWKWARD.size(), 0, "0012"));
        assertThat(progress).containsExactly(new long[] {3, 4}, new long[] {4, 4});
        Permissions permissions = new Permissions(db);
        assertThat(permissions.getRolePermissions(admin)).containsExactly("*", "space.atbb.permission.manageRoles");
        assertThat(permissions.getRolePermissions(member)).containsExactly("space.atbb.permission.createPosts");
        assertThat(permissions.getRolePermissions(empty)).isEmpty();
        assertThat(permissions.getRolePermissions(awkward)).containsExactlyInAnyOrderElementsOf(AWKWARD);
        assertThat(LegacyRoles.hasArrayColumn(db)).isFalse();
        // The foreign key the copy lifts for speed is back, cascade included.
        db.useTransaction(s -> s.createMutationQuery("delete from Role r where r.id = :id")
                .setParameter("id", admin).executeUpdate());
        assertThat(permissions.getRolePermissions(admin)).isEmpty();
        assertThatThrownBy(() -> addRow(db, admin, "*")).isInstanceOf(SQLException.class)
                .hasMessageContaining("role_permissions_role_id_fkey");
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void reRunsBetweenSteps11And12AndAfter12(Database db) throws SQLException {
        db.migrate("0011");
        long role = LegacyRoles.insert(db, FORUM, "mod", List.of("a", "b", "c"));
        addRow(db, role, "a");
        PermissionMigration job = new PermissionMigration(db);

        assertThat(job.run(false, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.VERIFIED, 1, 2, 1, "0011"));
        assertThat(job.run(false, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.VERIFIED, 1, 0, 3, "0011"));
        assertThat(LegacyRoles.hasArrayColumn(db)).isTrue();
        assertThat(job.run(true, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.MIGRATED, 1, 0, 3, "0012"));
        assertThat(job.run(true, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.ALREADY_MIGRATED, 0, 0, 0, "0012"));
        assertThat(new Permissions(db).getRolePermissions(role)).containsExactly("a", "b", "c");
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void plainMigrateFrom10To12RefusesToDropAPermission(Database db) {
        db.migrate("0010");
        long role = LegacyRoles.insert(db, FORUM, "admin", List.of("*", "space.atbb.permission.banUsers", "*"));

        assertThatThrownBy(db::migrate)
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Refusing to drop roles.permissions: 2 permission(s) of 1 role(s)")
                .hasMessageContaining("Run ./scripts/migrate-permissions");

        assertThat(db.schemaVersion()).contains("0011");
        assertThat(LegacyRoles.permissions(db, role)).containsExactly("*", "space.atbb.permission.banUsers", "*");
        assertThat(new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE).outcome())
                .isEqualTo(Outcome.MIGRATED);
        assertThat(new Permissions(db).getRolePermissions(role)).containsExactly("*", "space.atbb.permission.banUsers");
    }

    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void stopsOnANullElementWithoutCommittingAnything(Database db) {
        db.migrate("0010");
        LegacyRoles.insert(db, FORUM, "fine", List.of("a"));
        long broken = LegacyRoles.insert(db, FORUM, "broken", Arrays.asList("b", null));

        assertThatThrownBy(() -> new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE))
                .isInstanceOf(DatabaseException.class)
                .hasMessageContaining("Verification failed: in 1 role(s), 0 permission(s) of roles.permissions "
                        + "are not in role_permissions and 1 element(s) are NULL")
                .hasMessageContaining("role " + broken + " (did:plc:forum, rkey broken): 0 missing, 1 NULL")
                .hasMessageContaining("array_remove(permissions, NULL)")
                .hasMessageContaining("Nothing was committed and step 0012 was not applied");

        assertThat(db.schemaVersion()).contains("0011");
        assertThat(LegacyRoles.hasArrayColumn(db)).isTrue();
        assertThat(new Permissions(db).getRolePermissions(broken)).isEmpty();
    }

    /**
     * Two runs that do overlap: the one that takes the job's lock first holds it, at its first
     * batch, until PostgreSQL shows the other waiting for it.
     */
    @DatabaseTest(migrated = false, kinds = DatabaseKind.POSTGRES)
    void twoRunsAtOnceNeitherFailNorDuplicate(TestDatabase test) throws Exception {
        Database db = test.database();
        db.migrate("0010");
        List<Long> roles = new ArrayList<>();
        IntStream.range(0, 200).forEach(i -> roles.add(LegacyRoles.insert(db, FORUM, "r" + i,
                List.of("p" + i, "shared", "p" + i))));
        AtomicBoolean otherSeenWaiting = new AtomicBoolean();
        PermissionMigration.Progress waitForTheOther = (done, total) -> {
            if (!otherSeenWaiting.getAndSet(true)) {
                awaitARunWaitingForTheLock(db);
            }
        };
        // Own threads: the common pool may have one, which would run the two one after the other.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Database first = Databases.create(test.url()); Database second = Databases.create(test.url())) {
            Future<Result> one = threads.submit(() -> new PermissionMigration(first, 50).run(true, waitForTheOther));
            Future<Result> two = threads.submit(() -> new PermissionMigration(second, 50).run(true, waitForTheOther));
            List<Result> results = List.of(one.get(60, TimeUnit.SECONDS), two.get(60, TimeUnit.SECONDS));

            assertThat(otherSeenWaiting).isTrue();
            // The waiting run gets the lock once the first commits its copy: before the first applies
            // 0012 (then it copies nothing and applies or finds 0012 too), or after (nothing to do).
            assertThat(results).extracting(Result::schemaVersion).containsOnly("0012");
            assertThat(results).extracting(Result::permissionsCopied).containsExactlyInAnyOrder(400L, 0L);
        } finally {
            threads.shutdownNow();
        }
        Permissions permissions = new Permissions(db);
        assertThat(roles).allSatisfy(id -> assertThat(permissions.getRolePermissions(id)).hasSize(2));
    }

    @DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY})
    void hasNothingToDoOnSqlite(Database db) {
        assertThat(new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.NOT_APPLICABLE, 0, 0, 0, db.schemaVersion().orElseThrow()));
    }

    /** Until this database has an advisory lock not granted: Flyway's is free by then, so it is the job's. */
    private static void awaitARunWaitingForTheLock(Database db) {
        Instant deadline = Instant.now().plusSeconds(30);
        try (Connection c = db.connection(); PreparedStatement waiting = c.prepareStatement("SELECT count(*) FROM pg_locks"
                + " WHERE locktype = 'advisory' AND NOT granted"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (true) {
                try (ResultSet rs = waiting.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("The second run never waited for the first one's lock within 30 s");
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read pg_locks", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the second run", e);
        }
    }

    private static void addRow(Database db, long roleId, String permission) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO role_permissions VALUES (?, ?)")) {
            insert.setLong(1, roleId);
            insert.setString(2, permission);
            insert.executeUpdate();
        }
    }
}
