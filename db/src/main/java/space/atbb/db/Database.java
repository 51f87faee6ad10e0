package space.atbb.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.internal.ConnectionFailures;
import space.atbb.db.internal.Engine;
import space.atbb.db.internal.Locks;

/**
 * An open database: one HikariCP pool, Hibernate sessions on it, and its Flyway steps.
 * Get one from {@link Databases#create(String)} and close it when done.
 *
 * <pre>
 * try (Database db = Databases.create("file:./data/atbb.db")) {
 *     db.migrate();
 *     long boards = db.inTransaction(s -&gt; s.createQuery("select count(b) from Board b", Long.class)
 *                                           .getSingleResult());
 * }
 * </pre>
 *
 * Handles on the same SQLite file share one pool; closing a handle closes the pool only when it
 * is the last one. Closing a handle twice is harmless.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final String CHECK_SERVER = " Check that the database server is running and reachable at that"
            + " address.";
    /** Held around reading the schema's state and migrating, by every process that migrates. */
    private static final String MIGRATE_LOCK = "migrate";
    private final Engine engine;
    private final AtomicBoolean closed = new AtomicBoolean();

    Database(Engine engine) {
        this.engine = engine;
    }

    public Dialect dialect() {
        return engine.dialect();
    }

    /** The URL this database was opened with, password masked. */
    public DatabaseUrl url() {
        return engine.config().url();
    }

    /**
     * The SQLite file this handle opened and locked, as the lock and
     * {@link DatabaseLockedException#file()} name it: absolute, its directory (and the file, once
     * it exists) resolved through symlinks. Empty for PostgreSQL and in-memory SQLite.
     */
    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(engine.sqliteFile());
    }

    /**
     * The pool's size and counts now, for metrics and health checks. The pool itself is not handed
     * out: every connection goes through {@link #connection()}, which queues callers in order.
     *
     * <pre>
     * PoolStats pool = db.poolStats();   // e.g. PoolStats[size=10, total=10, active=2, idle=8, ...]
     * </pre>
     */
    public PoolStats poolStats() {
        checkOpen();
        return engine.connections().stats();
    }

    /**
     * Borrows a connection, first come, first served; a clear {@link DatabaseException} when none
     * frees up in time. SQLite's pool holds one: return it before asking for another.
     */
    public Connection connection() {
        checkOpen();
        try {
            return engine.connections().getConnection();
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * One round trip ({@code SELECT 1}) on a connection of the pool, for health checks: no Hibernate,
     * whose first session builds the session factory. A server that cannot be reached, or cut the
     * connection, throws a {@link DatabaseException} of kind {@code UNREACHABLE}.
     */
    public void ping() {
        try (Connection c = connection(); Statement statement = c.createStatement()) {
            statement.execute("SELECT 1");
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    public SessionFactory sessionFactory() {
        checkOpen();
        return engine.sessionFactory();
    }

    /** Runs {@code work} in one transaction, committed on return and rolled back on an exception. */
    public <T> T inTransaction(Function<Session, T> work) {
        try {
            return sessionFactory().fromTransaction(work);
        } catch (RuntimeException e) {
            throw translate(e);
        }
    }

    public void useTransaction(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /**
     * Leadership of the job {@code name} among every process on this database ({@link LeaderLock});
     * the caller closes it.
     *
     * @param takeover how soon leadership must be free again after its holder dies or its machine vanishes
     */
    public LeaderLock leaderLock(String name, Duration takeover) {
        checkOpen();
        return Locks.leader(engine.config(), name, takeover);
    }

    /**
     * Holds the lock {@code name} across every process on this database until closed, waiting while
     * another holds it; {@code whileWaiting} runs once, before such a wait (to say so).
     */
    public ExclusiveLock lockExclusively(String name, Runnable whileWaiting) {
        checkOpen();
        return Locks.exclusive(engine.config(), name, whileWaiting);
    }

    /**
     * {@link #prepareSchema()}, except that a schema behind is migrated on every dialect, by one
     * process at a time: when several start at once on an unmigrated database, one migrates and the
     * others wait, then find nothing left to do. Flyway takes its own lock while it migrates, but
     * this one also covers the status read before it, so that the others do not report (nor try)
     * a migration that is done. A schema before the role permissions step is refused as by
     * {@link #prepareSchema()}: that step is {@code migrate-permissions}' to apply.
     */
    public void prepareSchemaMigrating() {
        try (ExclusiveLock ignored = lockExclusively(MIGRATE_LOCK, this::logWaitingForMigration)) {
            SchemaStatus status = schemaStatus();
            refuseUnknownSchema(status);
            refuseBeforePermissionsStep(status);
            if (status.pending().isEmpty()) {
                log.info("Schema of {} is up to date (version {})", url(), status.current().orElse("none"));
                return;
            }
            migrateLogged(status);
        }
    }

    private void migrateLogged(SchemaStatus status) {
        log.info("Migrating {} from schema version {} to {}", url(), status.current().orElse("none (empty database)"),
                status.pending().get(status.pending().size() - 1));
        migrate();
    }

    /** Flyway, configured for this dialect's migration folder on this pool. */
    public Flyway flyway() {
        return flyway(null);
    }

    /** Applies every pending migration step. */
    public MigrateResult migrate() {
        return flyway(null).migrate();
    }

    /** Applies the pending steps up to and including {@code targetVersion} (e.g. "11"). */
    public MigrateResult migrate(String targetVersion) {
        return flyway(targetVersion).migrate();
    }

    /** The version of the latest applied step, or empty for an unmigrated database. */
    public Optional<String> schemaVersion() {
        return version(flyway().info().current());
    }

    /** Where the schema stands against this build's steps; changes nothing. */
    public SchemaStatus schemaStatus() {
        MigrationInfoService info = flyway().info();
        return new SchemaStatus(
                version(info.current()),
                versions(Arrays.stream(info.pending())),
                versions(Arrays.stream(info.all()).filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)),
                Arrays.stream(info.all()).filter(m -> m.getState().isFailed()).findFirst()
                        .map(m -> m.getVersion().getVersion()));
    }

    /**
     * Makes the schema one this build may use, or says why it is not. A schema newer than the
     * build, or with a failed step, is refused on every dialect: an older build must not write
     * into it. A schema behind is migrated where {@link Dialect#migratesSchemaBehind()}, else refused.
     *
     * <pre>
     * db.prepareSchema(); // before serving: SQLite catches up, PostgreSQL must be migrated first
     * </pre>
     *
     * @throws DatabaseException of kind {@code SCHEMA_NEWER}, {@code SCHEMA_FAILED},
     *                           {@code SCHEMA_BEFORE_PERMISSIONS_STEP} or {@code SCHEMA_BEHIND}
     */
    public void prepareSchema() {
        SchemaStatus status = schemaStatus();
        refuseUnknownSchema(status);
        if (status.pending().isEmpty()) {
            return;
        }
        if (dialect().migratesSchemaBehind()) {
            migrateLogged(status);
            return;
        }
        refuseBeforePermissionsStep(status);
        String current = status.current().orElse("none (empty database)");
        String pending = String.join(", ", status.pending());
        throw new DatabaseException(Kind.SCHEMA_BEHIND, "The schema of " + url() + " is behind this build (at "
                + current + ", pending: " + pending + ").", null);
    }

    /**
     * Refuses a schema this build must not touch (newer than the build, or with a failed step),
     * then applies every pending step; one process at a time, as {@link #prepareSchemaMigrating()}.
     *
     * @throws DatabaseException of kind {@code SCHEMA_NEWER} or {@code SCHEMA_FAILED}
     */
    public MigrateResult upgradeSchema() {
        try (ExclusiveLock ignored = lockExclusively(MIGRATE_LOCK, this::logWaitingForMigration)) {
            refuseUnknownSchema(schemaStatus());
            return migrate();
        }
    }

    private void logWaitingForMigration() {
        log.info("Waiting for another process migrating {}", url());
    }

    /** Step 0012 drops roles.permissions: only `migrate-permissions`, which copies them first, applies it. */
    private void refuseBeforePermissionsStep(SchemaStatus status) {
        if (status.isBeforePermissionsStep()) {
            throw new DatabaseException(Kind.SCHEMA_BEFORE_PERMISSIONS_STEP, "The schema of " + url() + " is at step "
                    + status.current().orElseThrow() + ", before step " + SchemaStatus.PERMISSIONS_STEP
                    + " moves the role permissions out of roles.permissions (pending: "
                    + String.join(", ", status.pending()) + ").", null);
        }
    }

    private void refuseUnknownSchema(SchemaStatus status) {
        if (!status.newerThanBuild().isEmpty()) {
            throw new DatabaseException(Kind.SCHEMA_NEWER, "The schema of " + url() + " has steps newer than this"
                    + " build knows (" + String.join(", ", status.newerThanBuild()) + "): a newer version migrated it.", null);
        }
        status.failedStep().ifPresent(step -> {
            throw new DatabaseException(Kind.SCHEMA_FAILED, "Migration step " + step + " of " + url()
                    + " failed part-way.", null);
        });
    }

    private static Optional<String> version(MigrationInfo step) {
        return step == null || step.getVersion() == null ? Optional.empty() : Optional.of(step.getVersion().getVersion());
    }

    private static List<String> versions(Stream<MigrationInfo> steps) {
        return steps.map(m -> m.getVersion().getVersion()).toList();
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(connectionsInOrder())
                .locations("classpath:" + dialect().migrationLocation());
        if (target != null) {
            configuration.target(target);
        }
        return configuration.load();
    }

    /** Whether {@link #close()} was called on this handle. */
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            engine.release();
        }
    }

    @Override
    public String toString() {
        return "Database{" + dialect() + ", " + url() + (closed.get() ? ", closed" : "") + "}";
    }

    private DataSource connectionsInOrder() {
        checkOpen();
        return engine.connections();
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("Database " + url() + " is closed");
        }
    }

    /**
     * Turns pool exhaustion and lost connections, wherever Hibernate wrapped them, into an error that
     * says what happened: a server that does not answer (the timeout's cause is the failure to
     * connect, or a connection in use was cut), or every connection in use.
     */
    private RuntimeException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException timeout) {
                if (timeout.getCause() != null) {
                    return new DatabaseException(unreachableOr(timeout.getCause()), "Cannot reach the database " + url()
                            + ": " + timeout.getCause().getMessage() + " (" + timeout.getMessage() + ")." + CHECK_SERVER, e);
                }
                String advice = dialect() == Dialect.SQLITE
                        ? " A SQLite database has one connection; code that already holds it (an open "
                        + "connection, session or transaction) must use it rather than ask for a second."
                        : " Raise the pool size, or look for connections that are not returned.";
                return new DatabaseException("No database connection became free in time: "
                        + timeout.getMessage() + "." + advice, e);
            }
        }
        if (ConnectionFailures.isConnectionFailure(e)) {
            return new DatabaseException(Kind.UNREACHABLE, "Lost the connection to the database " + url() + ": "
                    + firstSqlMessage(e) + "." + CHECK_SERVER, e);
        }
        return e instanceof RuntimeException runtime ? runtime
                : new DatabaseException("Database error on " + url() + ": " + e.getMessage(), e);
    }

    private static Kind unreachableOr(Throwable failure) {
        return ConnectionFailures.isConnectionFailure(failure) ? Kind.UNREACHABLE : Kind.GENERAL;
    }

    /** The driver's words (Hibernate's wrapper adds the SQL, not why). */
    private static String firstSqlMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getMessage();
            }
        }
        return e.getMessage();
    }
}
