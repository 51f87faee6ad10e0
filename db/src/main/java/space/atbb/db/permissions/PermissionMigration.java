package space.atbb.db.permissions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.Dialect;
import space.atbb.db.SchemaStatus;

/**
 * The upgrade job between PostgreSQL steps 0011 and 0012: copies every element of every
 * {@code roles.permissions} array into {@code role_permissions}, verifies that nothing is
 * missing, then applies step 0012, which drops the array column.
 *
 * <pre>
 * Result result = new PermissionMigration(db).run(true, (done, total) -&gt; log(done + "/" + total));
 * </pre>
 *
 * Safe to run at any point and more than once: below step 11 it migrates there first; after
 * step 12 there is nothing to do. The copy is one transaction that holds an advisory lock, so a
 * second run at the same time waits for the first and then finds nothing left to copy.
 * Permission strings never leave the database: the SQL is constant and only role ids are bound.
 */
public final class PermissionMigration {
    /** The step that adds role_permissions beside the arrays. */
    public static final String TABLE_STEP = "0011";
    /** The step that drops roles.permissions, guarded against any element still missing. */
    public static final String DROP_STEP = SchemaStatus.PERMISSIONS_STEP;
    /** Roles per copy statement: small enough for a progress line, large enough to stay set-based. */
    public static final int DEFAULT_BATCH_SIZE = 10_000;

    // Any fixed number: every run of this job, in any process, contends for the same one.
    private static final long ADVISORY_LOCK_KEY = 0x6174_6262_7065_726dL; // "atbbperm"
    private static final int EXAMPLES = 5;
    /** PostgreSQL's name for the foreign key step 0011 declares; put back exactly as declared there. */
    private static final String FOREIGN_KEY = "role_permissions_role_id_fkey";

    // One batch of roles by id (keyset), its distinct non-NULL elements, the rows inserted.
    // ON CONFLICT keeps rows an earlier run or the indexer already wrote; inserting in key
    // order fills the primary key index from its right edge instead of all over it.
    private static final String COPY_BATCH = """
            WITH batch AS (
                SELECT id, permissions FROM roles WHERE id > ? ORDER BY id LIMIT ?
            ), source AS (
                SELECT DISTINCT b.id AS role_id, p.permission
                FROM batch b CROSS JOIN LATERAL unnest(b.permissions) AS p(permission)
                WHERE p.permission IS NOT NULL
            ), inserted AS (
                INSERT INTO role_permissions (role_id, permission)
                SELECT role_id, permission FROM source ORDER BY role_id, permission
                ON CONFLICT (role_id, permission) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM batch), (SELECT max(id) FROM batch),
                   (SELECT count(*) FROM source), (SELECT count(*) FROM inserted)
            """;

    // The same test step 0012's guard makes, role by role: distinct strings missing, and NULL
    // elements apart (a NULL is no permission string, and role_permissions cannot hold it).
    private static final String MISSING = """
            SELECT r.id, r.did, r.rkey,
                   count(DISTINCT p.permission) AS missing,
                   count(*) FILTER (WHERE p.permission IS NULL) AS nulls,
                   count(*) OVER () AS roles,
                   sum(count(DISTINCT p.permission)) OVER () AS total_missing,
                   sum(count(*) FILTER (WHERE p.permission IS NULL)) OVER () AS total_nulls
            FROM roles r CROSS JOIN LATERAL unnest(r.permissions) AS p(permission)
            WHERE NOT EXISTS (SELECT 1 FROM role_permissions rp
                              WHERE rp.role_id = r.id AND rp.permission = p.permission)
            GROUP BY r.id, r.did, r.rkey
            ORDER BY r.id
            LIMIT ?
            """;

    private final Database db;
    private final int batchSize;

    public PermissionMigration(Database db) {
        this(db, DEFAULT_BATCH_SIZE);
    }

    public PermissionMigration(Database db, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.db = db;
        this.batchSize = batchSize;
    }

    /** What a run did. Counts are zero when there was nothing to do. */
    public record Result(Outcome outcome, long rolesSeen, long permissionsCopied,
                         long permissionsAlreadyPresent, String schemaVersion) {
    }

    public enum Outcome {
        /** Copied, verified, and step 0012 applied. */
        MIGRATED,
        /** Copied and verified; asked to stop before step 0012. */
        VERIFIED,
        /** The array column is already gone (step 0012 or later). */
        ALREADY_MIGRATED,
        /** SQLite schemas start without the array column. */
        NOT_APPLICABLE
    }

    /** Told after each batch of roles. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void rolesCopied(long done, long total);
    }

    /**
     * @param applyDropStep whether to apply step 0012 after a successful verification
     * @throws DatabaseException when an element is missing after the copy (nothing is then
     *                           committed and step 0012 is not applied), or the database fails
     */
    public Result run(boolean applyDropStep, Progress progress) {
        // The arrays exist only in PostgreSQL's history; SQLite's first step is the final schema.
        if (db.dialect() == Dialect.SQLITE) {
            return nothingToDo(Outcome.NOT_APPLICABLE);
        }
        Optional<String> version = db.schemaVersion();
        if (version.map(v -> atLeast(v, DROP_STEP)).orElse(false)) {
            return nothingToDo(Outcome.ALREADY_MIGRATED);
        }
        if (!version.map(v -> atLeast(v, TABLE_STEP)).orElse(false)) {
            db.migrate(TABLE_STEP);
        }
        Optional<Counts> counts = copyAndVerify(progress);
        if (counts.isEmpty()) {
            return nothingToDo(Outcome.ALREADY_MIGRATED); // a concurrent run finished first
        }
        if (applyDropStep) {
            db.migrate(DROP_STEP);
        }
        Counts c = counts.get();
        return new Result(applyDropStep ? Outcome.MIGRATED : Outcome.VERIFIED, c.roles, c.copied,
                c.distinct - c.copied, db.schemaVersion().orElseThrow());
    }

    private record Counts(long roles, long distinct, long copied) {
    }

    /** Empty when the array column is gone by the time the locks are held. */
    private Optional<Counts> copyAndVerify(Progress progress) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                Optional<Counts> counts = lockAndCheckColumn(c) ? Optional.of(copy(c, progress)) : Optional.empty();
                if (counts.isPresent()) {
                    verify(c);
                }
                c.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("Copying roles.permissions into role_permissions failed on "
                    + db.url() + ": " + e.getMessage() + ". Nothing was committed; run the job again "
                    + "once the cause is fixed.", e);
        }
    }

    /**
     * Serialises runs of this job, and holds writers to roles off until the commit, so that what
     * is verified is what step 0012 will check. The column test comes after the table lock:
     * step 0012 drops the column under a stronger lock, so it is either done or not yet begun.
     * Both tables are locked as strongly as the copy will need, up front, so no lock is upgraded.
     */
    private static boolean lockAndCheckColumn(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
            s.execute("LOCK TABLE roles IN SHARE ROW EXCLUSIVE MODE");
            s.execute("LOCK TABLE role_permissions IN ACCESS EXCLUSIVE MODE");
            // A batch's distinct elements sort in memory rather than on disk (the default is 4 MB).
            s.execute("SET LOCAL work_mem = '64MB'");
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM information_schema.columns "
                    + "WHERE table_schema = current_schema() AND table_name = 'roles' "
                    + "AND column_name = 'permissions'")) {
                return rs.next();
            }
        }
    }

    private Counts copy(Connection c, Progress progress) throws SQLException {
        long total;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM roles")) {
            rs.next();
            total = rs.getLong(1);
        }
        long roles = 0;
        long distinct = 0;
        long copied = 0;
        long afterId = Long.MIN_VALUE;
        // Checking the foreign key row by row costs more than the copy itself (5-7 s of 15 for a
        // million rows); one validation of the whole table when it is put back costs a fraction
        // of a second. Nobody sees the table without it: the lock above is exclusive, and a
        // failure rolls the drop back.
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE role_permissions DROP CONSTRAINT " + FOREIGN_KEY);
        }
        try (PreparedStatement batch = c.prepareStatement(COPY_BATCH)) {
            while (true) {
                batch.setLong(1, afterId);
                batch.setInt(2, batchSize);
                try (ResultSet rs = batch.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                    roles += rs.getLong(1);
                    afterId = rs.getLong(2);
                    distinct += rs.getLong(3);
                    copied += rs.getLong(4);
                }
                progress.rolesCopied(roles, Math.max(total, roles));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE role_permissions ADD CONSTRAINT " + FOREIGN_KEY
                    + " FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE");
        }
        return new Counts(roles, distinct, copied);
    }

    private static void verify(Connection c) throws SQLException {
        List<String> examples = new ArrayList<>();
        long roles = 0;
        long missing = 0;
        long nulls = 0;
        try (PreparedStatement q = c.prepareStatement(MISSING)) {
            q.setInt(1, EXAMPLES);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    roles = rs.getLong("roles");
                    missing = rs.getLong("total_missing");
                    nulls = rs.getLong("total_nulls");
                    examples.add("role " + rs.getLong("id") + " (" + rs.getString("did") + ", rkey "
                            + rs.getString("rkey") + "): " + rs.getLong("missing") + " missing, "
                            + rs.getLong("nulls") + " NULL");
                }
            }
        }
        if (roles == 0) {
            return;
        }
        String advice = nulls == 0
                ? "Run the job again; if this repeats, report it with these role ids."
                : "NULL elements are no permission strings and cannot be rows: look at those roles, remove "
                + "the NULLs with UPDATE roles SET permissions = array_remove(permissions, NULL) "
                + "WHERE array_position(permissions, NULL) IS NOT NULL; then run the job again.";
        throw new DatabaseException("Verification failed: in " + roles + " role(s), " + missing
                + " permission(s) of roles.permissions are not in role_permissions and " + nulls
                + " element(s) are NULL (first ones: " + String.join("; ", examples)
                + "). Nothing was committed and step " + DROP_STEP + " was not applied. " + advice);
    }

    private Result nothingToDo(Outcome outcome) {
        return new Result(outcome, 0, 0, 0, db.schemaVersion().orElse(null));
    }

    private static boolean atLeast(String version, String target) {
        return MigrationVersion.fromVersion(version).compareTo(MigrationVersion.fromVersion(target)) >= 0;
    }
}
