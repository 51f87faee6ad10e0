package space.atbb.appview.server;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.Dialect;
import space.atbb.db.permissions.PermissionMigration;

/**
 * The one place that decides whether this build may use a database's schema. A schema newer
 * than the build is refused on both dialects (an older binary must not write into it). A schema
 * behind is migrated on SQLite, where the server owns its file, and refused on PostgreSQL, where
 * migrating is the operator's deliberate step.
 */
public final class SchemaCheck {
    private static final Logger log = LoggerFactory.getLogger(SchemaCheck.class);
    /** The PostgreSQL step that drops roles.permissions; every step before it (0010, 0011) still has it. */
    private static final MigrationVersion DROP_STEP = MigrationVersion.fromVersion(PermissionMigration.DROP_STEP);

    private SchemaCheck() {
    }

    /** Makes the schema current or throws a {@link DatabaseException} that says which command to run. */
    public static void prepare(Database db) {
        MigrationInfoService info = db.flyway().info();
        refuseNewerSchema(db, info);
        MigrationInfo[] pending = info.pending();
        if (pending.length == 0) {
            return;
        }
        MigrationInfo currentStep = info.current();
        String current = currentStep == null || currentStep.getVersion() == null
                ? "none (empty database)" : currentStep.getVersion().toString();
        if (db.dialect() == Dialect.SQLITE) {
            log.info("Migrating {} from schema version {} to {}", db.url(), current,
                    pending[pending.length - 1].getVersion());
            db.migrate();
            return;
        }
        String steps = Arrays.stream(pending).map(m -> m.getVersion().toString()).collect(Collectors.joining(", "));
        // A plain migrate would stop at step 0012's guard while the arrays hold permissions, and
        // migrate-permissions stops at 0012: the later steps need migrate after it.
        if (currentStep != null && currentStep.getVersion().compareTo(DROP_STEP) < 0) {
            throw new DatabaseException("The schema of " + db.url() + " is at step " + current + ", before step "
                    + PermissionMigration.DROP_STEP + " moves the role permissions out of roles.permissions"
                    + " (pending: " + steps + "). Run ./scripts/migrate-permissions, which copies them into"
                    + " role_permissions and applies " + PermissionMigration.DROP_STEP + ", then ./scripts/migrate"
                    + " for the later steps, then start the server again.");
        }
        throw new DatabaseException("The schema of " + db.url() + " is behind this build (at " + current
                + ", pending: " + steps + "). Run ./scripts/appview migrate (or ./scripts/migrate),"
                + " then start the server again.");
    }

    /** Refuses applied steps this build does not know: they come from a newer atBB. */
    public static void refuseNewerSchema(Database db, MigrationInfoService info) {
        String unknown = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .map(m -> m.getVersion().toString()).collect(Collectors.joining(", "));
        if (!unknown.isEmpty()) {
            throw new DatabaseException("The schema of " + db.url() + " has steps newer than this build knows ("
                    + unknown + "): it was migrated by a newer atBB. An older appview must not write into a newer"
                    + " schema: run the newer version, or restore a backup taken before the upgrade.");
        }
        MigrationInfo failed = Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).findFirst().orElse(null);
        if (failed != null) {
            throw new DatabaseException("Migration step " + failed.getVersion() + " of " + db.url()
                    + " failed part-way. Restore a backup, or repair the schema by hand and run flyway repair,"
                    + " before starting atBB.");
        }
    }
}
