package space.atbb.db;

/**
 * A snapshot of a database's connection pool, for metrics and health checks.
 *
 * <pre>
 * PoolStats pool = db.poolStats();
 * log.info("{} of {} connections in use, {} callers queued", pool.active(), pool.size(), pool.queued());
 * </pre>
 *
 * @param size       the most connections the pool opens (1 on SQLite)
 * @param total      connections open now
 * @param active     connections in use
 * @param idle       connections open and free
 * @param awaiting   threads waiting inside HikariCP for a connection to be opened or returned
 * @param queued     callers of {@link Database#connection()}, Hibernate and Flyway waiting in the
 *                   first-come, first-served queue in front of the pool
 * @param borrowed   connections handed out through that queue and not closed yet
 */
public record PoolStats(int size, int total, int active, int idle, int awaiting, int queued, int borrowed) {
    /** Whether no connection is in use and none is handed out: what a caller that closed everything sees. */
    public boolean allReturned() {
        return active == 0 && borrowed == 0;
    }
}
