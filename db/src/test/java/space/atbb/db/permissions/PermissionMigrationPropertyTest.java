package space.atbb.db.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeTry;
import org.flywaydb.core.api.FlywayException;
import space.atbb.db.Database;
import space.atbb.db.permissions.PermissionMigration.Outcome;
import space.atbb.db.permissions.PermissionMigration.Result;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.LegacyRoles;
import space.atbb.db.testing.TestDatabase;

/**
 * Random roles and arrays through the job. PostgreSQL only: the arrays exist nowhere else. One
 * database at step 0011 serves every try (the job is asked to stop there, so it can be run
 * again), and each try starts from empty tables.
 */
class PermissionMigrationPropertyTest {
    private static final List<String> AWKWARD = List.of("", " ", "*", "space.atbb.permission.createPosts",
            "it's", "\"quoted\"", "back\\slash", "\\\"", "a,b", ",", "{braces}", "{}", "{a,b}", "NULL", "null",
            "two words", " padded ", "tab\tand\nnewline", "'; DROP TABLE roles; --", "$$ || chr(39) $$",
            "E'\\x41'", "ünïcödé", "日本語", "🧵 emoji", "Case", "case");

    private static TestDatabase test;

    @BeforeContainer
    static void openDatabase() {
        test = TestDatabase.create(DatabaseKind.POSTGRES, false);
        test.database().migrate(PermissionMigration.TABLE_STEP);
    }

    @AfterContainer
    static void closeDatabase() {
        test.close();
    }

    @BeforeTry
    void emptyTables() throws SQLException {
        try (Connection c = db().connection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM roles"); // role_permissions rows go with them (cascade)
        }
    }

    @Property(tries = 40)
    void eachRoleGetsTheDistinctSetOfItsArrayAndReRunsChangeNothing(
            @ForAll("roleArrays") List<List<String>> arrays, @ForAll @IntRange(min = 1, max = 4) int batchSize) {
        List<Long> ids = insert(arrays);
        long distinct = arrays.stream().mapToLong(a -> new HashSet<>(a).size()).sum();
        PermissionMigration job = new PermissionMigration(db(), batchSize);

        assertThat(job.run(false, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.VERIFIED, arrays.size(), distinct, 0, "0011"));
        assertRowsMatchArrays(ids, arrays);

        assertThat(job.run(false, PermissionMigration.Progress.NONE))
                .isEqualTo(new Result(Outcome.VERIFIED, arrays.size(), 0, distinct, "0011"));
        assertRowsMatchArrays(ids, arrays);
    }

    @Property(tries = 30)
    void theDropStepRefusesWhileOneElementIsMissing(
            @ForAll("roleArrays") List<List<String>> arrays, @ForAll @IntRange(min = 0, max = 1000) int pick)
            throws SQLException {
        arrays = new ArrayList<>(arrays);
        arrays.add(List.of("space.atbb.permission.banUsers")); // at least one element to lose
        List<Long> ids = insert(arrays);
        new PermissionMigration(db()).run(false, PermissionMigration.Progress.NONE);
        List<long[]> nonEmpty = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!arrays.get(i).isEmpty()) {
                nonEmpty.add(new long[] {ids.get(i), i});
            }
        }
        long[] victim = nonEmpty.get(pick % nonEmpty.size());
        String lost = arrays.get((int) victim[1]).get(pick % arrays.get((int) victim[1]).size());
        deleteRow(victim[0], lost);

        assertThatThrownBy(() -> db().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("Refusing to drop roles.permissions: 1 permission(s) of 1 role(s)")
                .hasMessageContaining("./scripts/migrate-permissions");

        assertThat(db().schemaVersion()).contains("0011");
        assertThat(LegacyRoles.hasArrayColumn(db())).isTrue();
        for (int i = 0; i < ids.size(); i++) {
            assertThat(LegacyRoles.permissions(db(), ids.get(i))).isEqualTo(arrays.get(i));
        }
        assertThat(new PermissionMigration(db()).run(false, PermissionMigration.Progress.NONE).permissionsCopied())
                .isEqualTo(1);
    }

    @Provide
    Arbitrary<List<List<String>>> roleArrays() {
        Arbitrary<String> random = Arbitraries.strings()
                .withCharRange('\u0001', '\uD7FF') // no NUL (PostgreSQL text cannot hold it), no lone surrogates
                .withCharRange('\uE000', '\uFFFD')
                .ofMaxLength(12);
        Arbitrary<String> permission = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(AWKWARD)), Tuple.of(2, random));
        return permission.list().ofMaxSize(20).list().ofMaxSize(6);
    }

    private static List<Long> insert(List<List<String>> arrays) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < arrays.size(); i++) {
            long id = LegacyRoles.insert(db(), "did:plc:forum", "r" + i, arrays.get(i));
            assertThat(LegacyRoles.permissions(db(), id)).as("the seed round-trips").isEqualTo(arrays.get(i));
            ids.add(id);
        }
        return ids;
    }

    private static void assertRowsMatchArrays(List<Long> ids, List<List<String>> arrays) {
        Permissions permissions = new Permissions(db());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(permissions.getRolePermissions(ids.get(i))).isEqualTo(new HashSet<>(arrays.get(i)));
        }
    }

    private static void deleteRow(long roleId, String permission) throws SQLException {
        try (Connection c = db().connection();
             PreparedStatement delete = c.prepareStatement(
                     "DELETE FROM role_permissions WHERE role_id = ? AND permission = ?")) {
            delete.setLong(1, roleId);
            delete.setString(2, permission);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    private static Database db() {
        return test.database();
    }
}
