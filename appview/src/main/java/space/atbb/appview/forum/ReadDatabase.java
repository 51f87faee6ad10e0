package space.atbb.appview.forum;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;
import space.atbb.db.DatabaseConfig;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;

/**
 * Where the public reads go: a PostgreSQL streaming replica ({@code DATABASE_READ_URL}) while it
 * answers, the primary otherwise. Writes, sessions, permission checks and the indexer never come
 * here: they use the primary {@link Database} directly.
 *
 * <pre>
 * ReadDatabase reads = ReadDatabase.open(primary, config.databaseReadUrl());
 * long boards = reads.read(db -&gt; db.inTransaction(s -&gt; ...));   // the replica, or the primary
 * reads.close();
 * </pre>
 *
 * A replica that cannot be reached (at start or later) is checked again every
 * {@link #RECHECK_EVERY}; until it answers, every read goes to the primary. A read that fails on the
 * replica is tried again on the primary when the replica turns out unreachable.
 */
public final class ReadDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadDatabase.class);
    /** How often an unreachable replica is tried again. */
    static final Duration RECHECK_EVERY = Duration.ofSeconds(2);
    /** How long a read waits for a replica connection: short, as the primary can answer instead. */
    private static final Duration REPLICA_CONNECTION_TIMEOUT = Duration.ofSeconds(1);

    /** What readiness reports of the replica. */
    public enum ReplicaState {
        /** No {@code DATABASE_READ_URL}: everything reads from the primary. */
        NONE,
        OK,
        UNREACHABLE
    }

    private final Database primary;
    private final DatabaseUrl replicaUrl;
    private final ScheduledExecutorService checks;
    /** Open once the replica answered; null before. */
    private volatile Database replica;
    private volatile boolean replicaUp;

    private ReadDatabase(Database primary, DatabaseUrl replicaUrl) {
        this.primary = primary;
        this.replicaUrl = replicaUrl;
        if (replicaUrl == null) {
            this.checks = null;
            return;
        }
        this.checks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "atbb-read-replica-check");
            thread.setDaemon(true);
            return thread;
        });
        if (check() == ReplicaState.UNREACHABLE) {
            log.warn("The read replica {} is unreachable: reading from the primary {} until it answers",
                    replicaUrl, primary.url());
        }
        checks.scheduleWithFixedDelay(this::check, RECHECK_EVERY.toMillis(), RECHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Every read on the primary. */
    public static ReadDatabase primaryOnly(Database primary) {
        return new ReadDatabase(primary, null);
    }

    /** Reads on {@code replicaUrl} when given and reachable, else on the primary. */
    public static ReadDatabase open(Database primary, Optional<DatabaseUrl> replicaUrl) {
        return new ReadDatabase(primary, replicaUrl.orElse(null));
    }

    /** The primary: its dialect is the replica's too. */
    public Database primary() {
        return primary;
    }

    /** The replica's pool, once it has been opened: for metrics. */
    public Optional<Database> replica() {
        return Optional.ofNullable(replica);
    }

    /** Runs {@code work} on the replica while it answers, else on the primary. */
    public <T> T read(Function<Database, T> work) {
        Database target = replicaUp ? replica : null;
        if (target != null) {
            try {
                return work.apply(target);
            } catch (RuntimeException e) {
                // Another read may have found it down already: one check, not one per read in flight.
                if (replicaUp && check() == ReplicaState.OK) {
                    throw e; // the read itself failed: the primary would fail it too
                }
                log.warn("The read replica {} stopped answering ({}): reading from the primary", replicaUrl,
                        e.getMessage());
            }
        }
        return work.apply(primary);
    }

    /** The replica's state as of the last check; a readiness probe calls {@link #check()} instead. */
    public ReplicaState state() {
        return replicaUrl == null ? ReplicaState.NONE : replicaUp ? ReplicaState.OK : ReplicaState.UNREACHABLE;
    }

    /** Tries a round trip to the replica now (opening its pool if need be) and returns its state. */
    public synchronized ReplicaState check() {
        if (replicaUrl == null) {
            return ReplicaState.NONE;
        }
        boolean wasUp = replicaUp;
        try {
            if (replica == null) {
                replica = Databases.create(DatabaseConfig.builder(replicaUrl)
                        .connectionTimeout(REPLICA_CONNECTION_TIMEOUT).build());
            }
            try (Connection c = replica.connection(); var statement = c.createStatement()) {
                statement.execute("SELECT 1");
            }
            replicaUp = true;
            if (!wasUp) {
                log.info("Reading the public API and pages from the replica {}", replicaUrl);
            }
        } catch (SQLException | RuntimeException e) {
            replicaUp = false;
            if (wasUp) {
                log.warn("The read replica {} is unreachable ({}): reading from the primary {} until it answers",
                        replicaUrl, e.getMessage(), primary.url());
            }
        }
        return state();
    }

    /** Stops checking and closes the replica's pool; the primary stays open (its owner closes it). */
    @Override
    public synchronized void close() {
        if (checks != null) {
            checks.shutdownNow();
        }
        if (replica != null) {
            replica.close();
        }
    }
}
