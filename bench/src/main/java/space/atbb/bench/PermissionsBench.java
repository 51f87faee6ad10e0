package space.atbb.bench;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToLongFunction;
import org.postgresql.PGConnection;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.permissions.PermissionMigration;
import space.atbb.db.testing.TestPostgres;

/**
 * Times the permission migration job on PostgreSQL: ROLES roles (default 100,000) with 0–20
 * permissions each, seeded at step 0010 with COPY, then {@link PermissionMigration} run to step
 * 0012 (migrate to 0011, copy, verify, guarded drop). Baseline in the same run, on a database
 * seeded identically and already at step 0011: the bare {@code INSERT ... SELECT DISTINCT ...
 * unnest ... ON CONFLICT DO NOTHING} in one raw JDBC statement, without batches, locks,
 * verification or the drop step.
 *
 * <pre>scripts/bench permissions [ROLES] [RUNS]</pre>
 */
public final class PermissionsBench {
    private static final String[] VOCABULARY = vocabulary();
    private static final String RAW_COPY = """
            INSERT INTO role_permissions (role_id, permission)
            SELECT DISTINCT r.id, p.permission
            FROM roles r CROSS JOIN LATERAL unnest(r.permissions) AS p(permission)
            ON CONFLICT (role_id, permission) DO NOTHING
            """;

    private PermissionsBench() {
    }

    public static void main(String[] args) throws Exception {
        int roles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Long> job = new ArrayList<>();
        List<Long> raw = new ArrayList<>();
        System.out.printf("load average at the start: %s%n", loadAverage());
        for (int run = 1; run <= runs; run++) {
            job.add(timeOnFreshDatabase(roles, "0010", db -> {
                PermissionMigration.Result result = new PermissionMigration(db).run(true, PermissionMigration.Progress.NONE);
                return result.permissionsCopied();
            }));
            raw.add(timeOnFreshDatabase(roles, "0011", PermissionsBench::rawCopy));
            System.out.printf("run %d: job %d ms, raw INSERT ... SELECT unnest %d ms%n",
                    run, job.get(run - 1), raw.get(run - 1));
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
        System.out.printf("%n| %,d roles, %d runs | median | min | max |%n|---|---|---|---|%n", roles, runs);
        row("migrate-permissions job (0010 → 0012)", job);
        row("baseline: one raw INSERT … SELECT DISTINCT … unnest (at 0011)", raw);
    }

    /** Seeds a new database at {@code step}, then times {@code work} alone; prints the row count it reports. */
    private static long timeOnFreshDatabase(int roles, String step, ToLongFunction<Database> work) throws SQLException {
        String url = TestPostgres.get().createDatabase(false);
        try (Database db = Databases.create(url)) {
            db.migrate(step);
            long seedStart = System.nanoTime();
            long elements = seed(db, roles);
            long seedMs = (System.nanoTime() - seedStart) / 1_000_000;
            analyze(db);
            long start = System.nanoTime();
            long rows = work.applyAsLong(db);
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("  seeded %,d roles / %,d elements in %d ms; %,d rows written in %d ms%n",
                    roles, elements, seedMs, rows, ms);
            return ms;
        } finally {
            TestPostgres.get().dropDatabase(url);
        }
    }

    /** COPY of {@code roles} roles with 0–20 permissions each (repeats possible), always the same ones. */
    private static long seed(Database db, int roles) throws SQLException {
        Random random = new Random(42);
        StringBuilder data = new StringBuilder(roles * 200);
        long elements = 0;
        for (int i = 0; i < roles; i++) {
            int count = random.nextInt(21);
            elements += count;
            data.append("did:plc:forum").append(i % 100).append("\tr").append(i).append("\tbafy").append(i)
                    .append("\tRole ").append(i).append("\t{");
            for (int p = 0; p < count; p++) {
                data.append(p == 0 ? "" : ",").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            data.append("}\t").append(i % 50).append("\t2026-11-22 10:00:00+00\t2026-11-22 10:00:00+00\n");
        }
        try (Connection c = db.connection()) {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY roles (did, rkey, cid, name, permissions, "
                    + "priority, created_at, indexed_at) FROM STDIN", new StringReader(data.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return elements;
    }

    private static void analyze(Database db) throws SQLException {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE roles");
        }
    }

    private static long rawCopy(Database db) {
        try (Connection c = db.connection(); Statement s = c.createStatement()) {
            return s.executeUpdate(RAW_COPY);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String[] vocabulary() {
        List<String> words = new ArrayList<>(List.of("*", "space.atbb.permission.manageRoles",
                "space.atbb.permission.createPosts", "space.atbb.permission.moderatePosts",
                "space.atbb.permission.banUsers"));
        for (int i = 0; i < 35; i++) {
            words.add("space.atbb.permission.custom" + i);
        }
        return words.toArray(String[]::new);
    }

    /** Other work on the machine skews the figures; the load average says how much there was. */
    private static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).strip();
    }

    private static void row(String name, List<Long> millis) {
        List<Long> sorted = millis.stream().sorted().toList();
        System.out.printf("| %s | %.2f s | %.2f s | %.2f s |%n", name, sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0);
    }
}
