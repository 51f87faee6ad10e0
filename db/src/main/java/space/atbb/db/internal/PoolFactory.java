package space.atbb.db.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.sqlite.SQLiteConfig;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.DatabaseException;
import space.atbb.db.DatabaseException.Kind;
import space.atbb.db.Dialect;

/** Builds the one HikariCP pool a database owns, with each dialect's connection settings. */
final class PoolFactory {
    static final int SQLITE_CACHE_KIB = 64 * 1024;
    static final int SQLITE_WAL_CHECKPOINT_PAGES = 10_000;
    static final int POSTGRES_CONNECT_TIMEOUT_SECONDS = 1;

    private PoolFactory() {
    }

    /**
     * @param sqliteFile the resolved SQLite file, or null for PostgreSQL and {@code :memory:}
     */
    static HikariDataSource create(DatabaseConfig config, Path sqliteFile) {
        HikariConfig hikari = new HikariConfig();
        hikari.setDriverClassName(config.dialect().driverClassName());
        hikari.setMaximumPoolSize(config.poolSize());
        // Each attempt inside HikariCP; FairConnections waits the whole connectionTimeout across them.
        hikari.setConnectionTimeout(config.dialect().poolAttemptTimeout(config.connectionTimeout()).toMillis());
        config.url().user().ifPresent(hikari::setUsername);
        config.url().password().ifPresent(hikari::setPassword);
        if (config.dialect() == Dialect.SQLITE) {
            configureSqlite(hikari, config, sqliteFile);
        } else {
            hikari.setPoolName("atbb-postgres");
            hikari.setJdbcUrl(config.url().jdbcUrl());
            // A host that drops packets fails the connect in a second rather than pgjdbc's ten, so the
            // pool learns it is unreachable within a request (a connectTimeout in the URL wins).
            hikari.addDataSourceProperty("connectTimeout", String.valueOf(POSTGRES_CONNECT_TIMEOUT_SECONDS));
        }
        try {
            return new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new DatabaseException(ConnectionFailures.isConnectionFailure(e) ? Kind.UNREACHABLE : Kind.GENERAL,
                    "Cannot connect to " + config.url() + ": " + rootMessage(e)
                    + ". Check that the database server is running and the URL is right.", e);
        }
    }

    private static void configureSqlite(HikariConfig hikari, DatabaseConfig config, Path file) {
        hikari.setPoolName(file == null ? "atbb-sqlite-memory" : "atbb-sqlite");
        hikari.setJdbcUrl(file == null ? "jdbc:sqlite::memory:" : "jdbc:sqlite:" + file);
        // The single connection lives as long as the pool: an in-memory database dies with it.
        hikari.setMinimumIdle(1);
        hikari.setMaxLifetime(0);
        hikari.setIdleTimeout(0);

        // PRAGMAs go through the driver's properties: sqlite-jdbc runs only the first statement
        // of a multi-statement init SQL.
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout((int) config.busyTimeout().toMillis());
        // A write transaction takes the write lock up front, so a reader never upgrades mid-way.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (file != null) {
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            // The one connection serves every caller, and posts carry ten indexes: the default
            // 2 MiB page cache makes each insert re-read index pages from the OS. Native memory,
            // not Java heap.
            sqlite.setCacheSize(-SQLITE_CACHE_KIB);
            // A checkpoint every 40 MiB of WAL rather than every 4 MiB: each commit of a replay
            // dirties pages all over the indexes, and checkpointing ten times as often costs
            // replay throughput (docs/benchmarks.md, "Indexer").
            sqlite.setWalAutocheckpoint(SQLITE_WAL_CHECKPOINT_PAGES);
        }
        hikari.setDataSourceProperties(sqlite.toProperties());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
