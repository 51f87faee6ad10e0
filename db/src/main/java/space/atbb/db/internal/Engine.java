package space.atbb.db.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.Dialect;
import space.atbb.db.schema.Schema;

/**
 * What one opened database owns: the pool, the file lock for a SQLite file, and the Hibernate
 * session factory built on first use. Shared by every handle on the same SQLite file and closed
 * when the last of them is released.
 */
public final class Engine {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);

    /** Open SQLite files of this process, by resolved path. */
    private static final Map<Path, Engine> OPEN_FILES = new HashMap<>();

    private final DatabaseConfig config;
    private final Path sqliteFile;
    private final FileLock fileLock;
    private final HikariDataSource pool;
    private final FairConnections connections;
    private SessionFactory sessionFactory;
    private int references = 1;

    private Engine(DatabaseConfig config, Path sqliteFile, FileLock fileLock, HikariDataSource pool) {
        this.config = config;
        this.sqliteFile = sqliteFile;
        this.fileLock = fileLock;
        this.pool = pool;
        this.connections = new FairConnections(pool, config.poolSize(), config.connectionTimeout());
    }

    /**
     * Opens the database, or joins the engine that already holds the same SQLite file.
     * Each call must be paired with one {@link #release()}.
     */
    public static Engine acquire(DatabaseConfig config) {
        if (config.url().sqliteFile().isEmpty()) {
            return open(config, null); // PostgreSQL, or a fresh :memory: database
        }
        Path file = SqliteFiles.resolve(config.url().sqliteFile().get());
        synchronized (OPEN_FILES) {
            Engine shared = OPEN_FILES.get(file);
            if (shared != null) {
                shared.references++;
                log.debug("Sharing the open pool of {} ({} handles)", file, shared.references);
                return shared;
            }
            Engine engine = open(config, file);
            OPEN_FILES.put(file, engine);
            return engine;
        }
    }

    private static Engine open(DatabaseConfig config, Path sqliteFile) {
        FileLock lock = sqliteFile == null ? null : SqliteFiles.lock(sqliteFile);
        try {
            HikariDataSource pool = PoolFactory.create(config, sqliteFile);
            log.info("Opened {} database {}", config.dialect(), sqliteFile == null ? config.url() : sqliteFile);
            log.debug("{}", config);
            return new Engine(config, sqliteFile, lock, pool);
        } catch (RuntimeException e) {
            if (lock != null) {
                SqliteFiles.unlock(lock);
            }
            throw e;
        }
    }

    /** Drops one reference; the last one closes the session factory, the pool and the lock. */
    public void release() {
        // Under the registry's lock, so a new open of the same file waits until the lock is free.
        synchronized (OPEN_FILES) {
            if (--references > 0) {
                return;
            }
            if (sqliteFile != null) {
                OPEN_FILES.remove(sqliteFile);
            }
            synchronized (this) {
                if (sessionFactory != null) {
                    sessionFactory.close();
                }
            }
            pool.close();
            if (fileLock != null) {
                SqliteFiles.unlock(fileLock);
            }
        }
        log.info("Closed {} database {}", config.dialect(), sqliteFile == null ? config.url() : sqliteFile);
    }

    public DatabaseConfig config() {
        return config;
    }

    public Dialect dialect() {
        return config.dialect();
    }

    /** The pool's connections in the order callers ask for them: what every user of the database goes through. */
    public FairConnections connections() {
        return connections;
    }

    /** The resolved SQLite file, or null. */
    public Path sqliteFile() {
        return sqliteFile;
    }

    public synchronized SessionFactory sessionFactory() {
        if (sessionFactory == null) {
            Configuration hibernate = new Configuration();
            Schema.ENTITIES.forEach(hibernate::addAnnotatedClass);
            hibernate.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, connections);
            hibernate.setProperty(AvailableSettings.DIALECT, dialect().hibernateDialect());
            hibernate.setProperty(AvailableSettings.HBM2DDL_AUTO, "none"); // Flyway owns the schema
            // Schema validation reads the mapped tables one by one, not every table at once: SQLite's
            // search index (an FTS5 table and its shadow tables) has untyped columns, which the
            // all-tables reader cannot parse.
            hibernate.setProperty(AvailableSettings.HBM2DDL_JDBC_METADATA_EXTRACTOR_STRATEGY, "individually");
            hibernate.setProperty(AvailableSettings.JDBC_TIME_ZONE, "UTC");
            hibernate.setProperty(AvailableSettings.STATEMENT_BATCH_SIZE, "50");
            hibernate.setProperty(AvailableSettings.ORDER_INSERTS, "true");
            sessionFactory = hibernate.buildSessionFactory();
        }
        return sessionFactory;
    }
}
