package space.atbb.db;

import java.util.List;
import java.util.Optional;

/**
 * Where a database's schema stands against the migration steps this build ships, as
 * {@link Database#schemaStatus()} reads it from the history table.
 *
 * <pre>
 * SchemaStatus status = db.schemaStatus();
 * status.current();   // Optional[0015]
 * status.pending();   // [] once migrated
 * status.isCurrent(); // true: nothing pending, nothing unknown, nothing failed
 * </pre>
 *
 * @param current        the latest applied step; empty for an unmigrated database
 * @param pending        steps of this build not yet applied, in order
 * @param newerThanBuild applied steps this build does not know: a newer version applied them
 * @param failedStep     a step that failed part-way, if any
 */
public record SchemaStatus(Optional<String> current, List<String> pending, List<String> newerThanBuild,
                           Optional<String> failedStep) {
    /**
     * The PostgreSQL step that moves role permissions out of the {@code roles.permissions} array
     * into {@code role_permissions}; a plain migration stops at its guard while arrays hold permissions.
     */
    public static final String PERMISSIONS_STEP = "0012";

    public SchemaStatus {
        pending = List.copyOf(pending);
        newerThanBuild = List.copyOf(newerThanBuild);
    }

    /** Nothing pending, no step unknown to this build, none failed. */
    public boolean isCurrent() {
        return pending.isEmpty() && newerThanBuild.isEmpty() && failedStep.isEmpty();
    }

    /**
     * Steps are applied but {@link #PERMISSIONS_STEP} is still pending: the role permissions may
     * still be in their arrays. An empty database is not: it has no arrays to move.
     */
    public boolean isBeforePermissionsStep() {
        return current.isPresent() && pending.contains(PERMISSIONS_STEP);
    }
}
