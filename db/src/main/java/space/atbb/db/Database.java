package space.atbb.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import space.atbb.db.internal.Engine;

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
        MigrationInfo current = flyway().info().current();
        return current == null || current.getVersion() == null
                ? Optional.empty() : Optional.of(current.getVersion().getVersion());
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
     * Turns pool exhaustion, wherever Hibernate wrapped it, into an error that says what happened:
     * a server that does not answer (the timeout's cause is the failure to connect), or every
     * connection in use.
     */
    private RuntimeException translate(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException timeout) {
                if (timeout.getCause() != null) {
                    return new DatabaseException("Cannot reach the database " + url() + ": "
                            + timeout.getCause().getMessage() + " (" + timeout.getMessage()
                            + "). Check that the database server is running and reachable.", e);
                }
                String advice = dialect() == Dialect.SQLITE
                        ? " A SQLite database has one connection; code that already holds it (an open "
                        + "connection, session or transaction) must use it rather than ask for a second."
                        : " Raise the pool size, or look for connections that are not returned.";
                return new DatabaseException("No database connection became free in time: "
                        + timeout.getMessage() + "." + advice, e);
            }
        }
        return e instanceof RuntimeException runtime ? runtime
                : new DatabaseException("Database error on " + url() + ": " + e.getMessage(), e);
    }
}
