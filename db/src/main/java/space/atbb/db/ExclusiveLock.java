package space.atbb.db;

/**
 * A database-wide lock, held until closed, that one process at a time holds among every process
 * on the database (migrating the schema, running a backfill). Get one from
 * {@link Database#lockExclusively}.
 *
 * <pre>
 * try (ExclusiveLock lock = db.lockExclusively("migrate", () -&gt; log.info("Waiting for another migration"))) {
 *     db.upgradeSchema();
 * }
 * </pre>
 */
public interface ExclusiveLock extends AutoCloseable {
    @Override
    void close();
}
