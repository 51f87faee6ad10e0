package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.SchemaStatus;
import space.atbb.db.copy.CopyRefusedException.Reason;
import space.atbb.db.copy.Table.Column;

/**
 * Copies a forum from one database to another of either dialect: every table, ids kept, in
 * foreign-key order, in committed batches (COPY into PostgreSQL, large transactions into SQLite),
 * then compares every table on both sides before it calls the target complete.
 *
 * <pre>
 * try (Database from = Databases.create("file:./data/atbb.db");
 *      Database to = Databases.create("postgres://atbb:secret@db:5432/atbb")) {
 *     CopyReport report = DatabaseCopy.from(from).to(to)
 *             .onProgress(p -&gt; System.out.println(p.table() + " " + p.rowsDone() + "/" + p.rowsTotal()))
 *             .run();
 *     report.complete();   // true: every table identical, the target is ready to serve
 * }
 * </pre>
 *
 * The source must be at the schema version this build knows; it is read in one transaction, so
 * the copy is of one consistent state. The target must be empty (no tables, or migrated with no
 * rows): the copy migrates it itself. Until verification passes, the target carries a mark of an
 * unfinished copy ({@link #unfinishedCopy}); an interrupted copy continues with {@link #resume}
 * from the rows each table already committed. Every refusal ({@link CopyRefusedException}) comes
 * before anything is written.
 */
public final class DatabaseCopy {
    private static final Logger log = LoggerFactory.getLogger(DatabaseCopy.class);

    private final Database source;
    private Database target;
    private boolean resume;
    private int batchRows;
    private String sourceName;
    private Consumer<TableProgress> progress = p -> { };

    private DatabaseCopy(Database source) {
        this.source = source;
    }

    public static DatabaseCopy from(Database source) {
        return new DatabaseCopy(source);
    }

    public DatabaseCopy to(Database target) {
        this.target = target;
        return this;
    }

    /** Continue an unfinished copy into the target (default: refuse a target that holds one). */
    public DatabaseCopy resume(boolean resume) {
        this.resume = resume;
        return this;
    }

    /** Rows per committed batch; default 20,000 into PostgreSQL and 50,000 into SQLite. */
    public DatabaseCopy batchRows(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, not " + rows);
        }
        this.batchRows = rows;
        return this;
    }

    /**
     * What the target records as its source, and what a resume must match (default: the source's
     * own identity, e.g. {@code SQLITE /var/lib/atbb/atbb.db}). For a source read from a snapshot
     * of another database: name that database, so the copy can be resumed from it.
     */
    public DatabaseCopy sourceName(String name) {
        this.sourceName = name;
        return this;
    }

    /** Called after every committed batch and at the end of each table, on the copying thread. */
    public DatabaseCopy onProgress(Consumer<TableProgress> listener) {
        this.progress = listener;
        return this;
    }

    /**
     * The source of an unfinished copy into {@code database}, if one is under way or was
     * interrupted; empty for a database that is no copy target, or whose copy completed.
     */
    public static Optional<String> unfinishedCopy(Database database) {
        try (Connection connection = database.connection()) {
            return CopyState.source(connection);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the copy state of " + database.url() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies, then verifies. A report whose {@link CopyReport#complete()} is false lists the tables
     * and keys that differ; the target then stays marked unfinished.
     *
     * @throws CopyRefusedException before writing anything, when the copy would lose or mix data
     * @throws DatabaseException    when either database fails part-way; run again with resume
     */
    public CopyReport run() {
        if (target == null) {
            throw new IllegalStateException("No target: call to(database) before run()");
        }
        long started = System.nanoTime();
        try {
            String realSource = identity(source);
            String targetIdentity = identity(target);
            if (source == target || realSource.equals(targetIdentity)) {
                throw new CopyRefusedException(Reason.SAME_DATABASE, "Source and target are the same database ("
                        + source.url() + "): copy into another one");
            }
            String sourceIdentity = sourceName != null ? sourceName : realSource;
            requireCurrentSource();
            requireTarget(sourceIdentity);
            target.migrate();
            long copied = 0;
            try (Side from = Side.open(source, true); Side to = Side.open(target, false)) {
                if (CopyState.source(to.connection).isEmpty()) {
                    CopyState.begin(to.connection, sourceIdentity, to.sql.deferrable(to.connection));
                }
                List<Table> tables = Tables.inDependencyOrder(from.connection, from.sql);
                DatabaseComparison.requireSameTables(tables, Tables.inDependencyOrder(to.connection, to.sql));
                log.info("Copying {} tables from {} to {}", tables.size(), source.url(), target.url());
                Map<Table, DatabaseComparison.Digest> digested = new HashMap<>();
                for (Table table : tables) {
                    copied += copyTable(table, from, to, digested);
                }
                CopyState.restoreDeferred(to.connection);
                List<TableComparison> comparisons = new ArrayList<>();
                for (Table table : tables) {
                    DatabaseComparison.Digest source = digested.get(table);
                    comparisons.add(source != null ? DatabaseComparison.compare(table, source, from, to)
                            : DatabaseComparison.compare(table, from, to));
                }
                CopyReport report = new CopyReport(comparisons, copied, Duration.ofNanos(System.nanoTime() - started));
                if (report.complete()) {
                    CopyState.complete(to.connection);
                }
                return report;
            }
        } catch (SQLException e) {
            throw new DatabaseException("Copy from " + source.url() + " to " + target.url() + " failed: "
                    + e.getMessage() + ". What was committed stays; run the copy again with resume to continue.", e);
        }
    }

    private static String identity(Database database) throws SQLException {
        try (Side side = Side.open(database, false)) {
            return side.identity();
        }
    }

    private void requireCurrentSource() {
        SchemaStatus status = source.schemaStatus();
        String version = status.current().orElse(null);
        if (version == null) {
            throw new CopyRefusedException(Reason.SOURCE_SCHEMA, "The source " + source.url()
                    + " holds no atBB schema (it was never migrated): there is nothing to copy");
        }
        if (!status.newerThanBuild().isEmpty()) {
            throw new CopyRefusedException(Reason.SOURCE_SCHEMA, "The source " + source.url() + " is at schema version "
                    + version + ", newer than this build knows (" + status.newerThanBuild()
                    + "): copy it with the build that migrated it");
        }
        if (!status.pending().isEmpty() || status.failedStep().isPresent()) {
            throw new CopyRefusedException(Reason.SOURCE_SCHEMA, "The source " + source.url() + " is at schema version "
                    + version + ", behind this build's " + latest(status) + ": migrate it first");
        }
        Optional<String> unfinished = unfinishedCopy(source);
        if (unfinished.isPresent()) {
            throw new CopyRefusedException(Reason.SOURCE_INCOMPLETE, "The source " + source.url()
                    + " is itself an unfinished copy of " + unfinished.get() + ": finish that copy first");
        }
    }

    /** The last step this build ships. */
    static String latest(SchemaStatus status) {
        return status.pending().isEmpty() ? status.current().orElse("(none)")
                : status.pending().get(status.pending().size() - 1);
    }

    private void requireTarget(String sourceIdentity) throws SQLException {
        Optional<String> unfinished;
        try (Connection connection = target.connection()) {
            unfinished = CopyState.source(connection);
            if (unfinished.isEmpty()) {
                requireEmpty(connection);
            }
        }
        if (unfinished.isPresent() && !resume) {
            throw new CopyRefusedException(Reason.UNFINISHED_COPY, "The target " + target.url()
                    + " holds an unfinished copy of " + unfinished.get() + ": resume it, or copy into an empty database");
        }
        if (unfinished.isPresent() && !unfinished.get().equals(sourceIdentity)) {
            throw new CopyRefusedException(Reason.OTHER_SOURCE, "The target " + target.url()
                    + " holds an unfinished copy of " + unfinished.get() + ", not of " + sourceIdentity
                    + ": resume it from that source, or copy into an empty database");
        }
        if (!target.schemaStatus().newerThanBuild().isEmpty()) {
            throw new CopyRefusedException(Reason.TARGET_NOT_EMPTY, "The target " + target.url()
                    + " is migrated past this build's schema: copy into an empty database");
        }
    }

    /** No tables at all, or atBB's tables with no rows (a database migrated ahead of the copy). */
    private void requireEmpty(Connection connection) throws SQLException {
        List<String> names = Tables.names(connection, CopyDialect.of(target.dialect()));
        if (names.isEmpty()) {
            return;
        }
        if (!names.contains("flyway_schema_history")) {
            throw new CopyRefusedException(Reason.TARGET_NOT_EMPTY, "The target " + target.url()
                    + " holds tables atBB did not create " + names + ": copy into an empty database");
        }
        for (String name : names) {
            if (!Tables.isForumTable(name)) {
                continue;
            }
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + Table.quote(name));
                 ResultSet row = count.executeQuery()) {
                row.next();
                if (row.getLong(1) > 0) {
                    throw new CopyRefusedException(Reason.TARGET_NOT_EMPTY, "The target " + target.url()
                            + " is not empty: table " + name + " holds " + row.getLong(1)
                            + " rows. Copy into an empty database; nothing was written");
                }
            }
        }
    }

    /**
     * Copies the rows after the target's last key, batch by batch; returns how many. A table copied
     * from its first row has the source's digest taken on the way, into {@code digested}, so
     * verification need not read the source again.
     */
    private long copyTable(Table table, Side from, Side to, Map<Table, DatabaseComparison.Digest> digested)
            throws SQLException {
        long total = from.count(table);
        long done = to.count(table);
        Object[] after = to.lastKey(table).orElse(null);
        DatabaseComparison.Digest digest = after == null ? new DatabaseComparison.Digest(table) : null;
        int batch = batchRows > 0 ? batchRows : to.sql.batchRows();
        long started = System.nanoTime();
        long copied = 0;
        List<Object[]> rows = new ArrayList<>(Math.min(batch, 10_000));
        try (RowWriter writer = to.sql.writer(to.connection, table);
             PrefetchedRows source = new PrefetchedRows(from.rows(table, after), table.name())) {
            for (Object[] row = source.next(); row != null; row = source.next()) {
                if (digest != null) {
                    digest.add(row);
                }
                deferForwardReferences(table, row);
                rows.add(row);
                if (rows.size() == batch) {
                    copied += commit(writer, rows, to);
                    progress.accept(new TableProgress(table.name(), done + copied, total, copied,
                            Duration.ofNanos(System.nanoTime() - started), false));
                }
            }
            copied += commit(writer, rows, to);
        }
        fillSelfReferences(table, from, to);
        to.sql.afterTable(to.connection, table);
        to.connection.commit();
        progress.accept(new TableProgress(table.name(), done + copied, total, copied,
                Duration.ofNanos(System.nanoTime() - started), true));
        if (digest != null) {
            digested.put(table, digest);
        }
        return copied;
    }

    private static int commit(RowWriter writer, List<Object[]> rows, Side to) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        writer.write(rows);
        to.connection.commit();
        int count = rows.size();
        rows.clear();
        return count;
    }

    /** A reference to a row with a larger key, not copied yet, is written as NULL and filled in afterwards. */
    private static void deferForwardReferences(Table table, Object[] row) {
        if (table.selfReferences().isEmpty()) {
            return;
        }
        Object key = row[table.indexOf(table.key().get(0))];
        for (Column column : table.selfReferences()) {
            int i = table.indexOf(column);
            if (row[i] != null && ColumnType.INTEGER.compare(row[i], key) > 0) {
                row[i] = null;
            }
        }
    }

    /** Sets the deferred references from the source; harmless to repeat after an interruption. */
    private static void fillSelfReferences(Table table, Side from, Side to) throws SQLException {
        for (Column column : table.selfReferences()) {
            String id = table.key().get(0).quoted();
            try (PreparedStatement forward = from.connection.prepareStatement("SELECT " + id + ", " + column.quoted()
                    + " FROM " + table.quoted() + " WHERE " + column.quoted() + " > " + id);
                 PreparedStatement update = to.connection.prepareStatement("UPDATE " + table.quoted()
                         + " SET " + column.quoted() + " = ? WHERE " + id + " = ?")) {
                forward.setFetchSize(5_000);
                try (ResultSet rows = forward.executeQuery()) {
                    while (rows.next()) {
                        update.setLong(1, rows.getLong(2));
                        update.setLong(2, rows.getLong(1));
                        update.addBatch();
                    }
                }
                update.executeBatch();
            }
        }
    }
}
