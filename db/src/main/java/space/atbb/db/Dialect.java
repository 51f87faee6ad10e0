package space.atbb.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.TextMatch;

/**
 * The two SQL dialects atBB runs on. Everything that differs between them lives here or in
 * {@code space.atbb.db.internal.PoolFactory} (and, for copying and checking a database,
 * {@code space.atbb.db.copy.CopyDialect}); the rest of the code is dialect-free.
 */
public enum Dialect {
    POSTGRES(
            "org.postgresql.Driver",
            "db/migration/postgres",
            "space.atbb.db.internal.PostgresDialect",
            10,
            Duration.ofSeconds(10),
            false) {
        /**
         * A server that goes away shows as failed connects, which HikariCP only reports when its wait
         * ends: a short wait lets the queue see the failure (and stop waiting) well within a request.
         */
        @Override
        public Duration poolAttemptTimeout(Duration connectionTimeout) {
            return connectionTimeout.compareTo(POSTGRES_POOL_ATTEMPT) < 0 ? connectionTimeout : POSTGRES_POOL_ATTEMPT;
        }

        // An OffsetDateTime, not a java.sql.Timestamp: Timestamp counts days in the Julian
        // calendar before 1582-10-15, so 0001-01-01 would be stored as 0001-01-03.
        @Override
        public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
            }
        }

        @Override
        public Instant readInstant(ResultSet row, int index) throws SQLException {
            OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        @Override
        public TextMatch postTextMatch(SearchTerms search) {
            String tsquery = search.terms().stream()
                    .map(phrase -> phrase.stream().map(word -> "'" + word + "'").collect(Collectors.joining(" <-> ")))
                    .collect(Collectors.joining(" & "));
            return new TextMatch("posts", POSTGRES_POST_TEXT + " @@ to_tsquery('simple', ?)", "posts.id", tsquery);
        }
    },
    /** One connection per file: two writers on one SQLite file hit SQLITE_BUSY under WAL. */
    SQLITE(
            "org.sqlite.JDBC",
            "db/migration/sqlite",
            "space.atbb.db.internal.SqliteDialect",
            1,
            Duration.ofSeconds(5),
            true) {
        @Override
        public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
            if (instant == null) {
                statement.setNull(index, Types.BIGINT);
            } else {
                statement.setLong(index, instant.toEpochMilli());
            }
        }

        @Override
        public Instant readInstant(ResultSet row, int index) throws SQLException {
            long millis = row.getLong(index);
            return row.wasNull() ? null : Instant.ofEpochMilli(millis);
        }

        @Override
        public TextMatch postTextMatch(SearchTerms search) {
            String match = search.terms().stream()
                    .map(phrase -> "\"" + String.join(" ", phrase) + "\"")
                    .collect(Collectors.joining(" "));
            // The FTS5 table first (CROSS JOIN keeps it the outer loop): it yields its matches in
            // rowid order and applies a bound on the rowid, so a page reads from the cursor on.
            return new TextMatch("posts_fts CROSS JOIN posts ON posts.id = posts_fts.rowid", "posts_fts MATCH ?",
                    "posts_fts.rowid", match);
        }
    };

    /**
     * The text PostgreSQL's search index (migration step 0016) is built on: title and text, with every
     * character that is not a letter or digit made a space, so that words split as SQLite's
     * {@code unicode61} tokenizer splits them (PostgreSQL's own parser keeps hosts, e-mail addresses
     * and hyphenated words whole). A query must use this same expression for the index to serve it.
     */
    private static final Duration POSTGRES_POOL_ATTEMPT = Duration.ofMillis(500);

    private static final String POSTGRES_POST_TEXT =
            "to_tsvector('simple', regexp_replace(coalesce(title, '') || ' ' || text, '[^[:alnum:]]+', ' ', 'g'))";

    private final String driverClassName;
    private final String migrationLocation;
    private final String hibernateDialect;
    private final int defaultPoolSize;
    private final Duration defaultConnectionTimeout;
    private final boolean migratesSchemaBehind;

    Dialect(String driverClassName, String migrationLocation, String hibernateDialect,
            int defaultPoolSize, Duration defaultConnectionTimeout, boolean migratesSchemaBehind) {
        this.driverClassName = driverClassName;
        this.migrationLocation = migrationLocation;
        this.hibernateDialect = hibernateDialect;
        this.defaultPoolSize = defaultPoolSize;
        this.defaultConnectionTimeout = defaultConnectionTimeout;
        this.migratesSchemaBehind = migratesSchemaBehind;
    }

    /**
     * The posts whose title or text contains every term of {@code search} (a non-empty one),
     * through this dialect's full-text index, as a source to read them from by id, newest first.
     * On SQLite the FTS5 table is walked itself, in rowid order from the cursor: a page's cost does
     * not depend on how many posts match. On PostgreSQL the GIN index keeps no order: the planner
     * either sorts the matches it finds (so a page costs in proportion to them) or walks the
     * primary key backwards checking the match. The terms are letters and digits only, so the
     * argument is always a well-formed query of the index's language.
     *
     * <pre>
     * TextMatch match = db.dialect().postTextMatch(SearchTerms.parse(q));
     * // "SELECT posts.id FROM " + match.from() + " WHERE " + match.condition()
     * //         + " ORDER BY " + match.id() + " DESC", bound to match.argument()
     * </pre>
     */
    public abstract TextMatch postTextMatch(SearchTerms search);

    public String driverClassName() {
        return driverClassName;
    }

    /** Classpath folder of this dialect's Flyway steps. */
    public String migrationLocation() {
        return migrationLocation;
    }

    public String hibernateDialect() {
        return hibernateDialect;
    }

    /** Pool size used when the configuration does not set one; SQLite can never exceed it. */
    public int defaultPoolSize() {
        return defaultPoolSize;
    }

    public Duration defaultConnectionTimeout() {
        return defaultConnectionTimeout;
    }

    /**
     * How long one attempt inside HikariCP waits for a connection, within a caller's
     * {@code connectionTimeout}; after each attempt the pool's queue looks at why none came, and
     * gives up at once when the server cannot be reached. The whole timeout on SQLite, whose one
     * connection is opened with the pool; 500 ms on PostgreSQL.
     */
    public Duration poolAttemptTimeout(Duration connectionTimeout) {
        return connectionTimeout;
    }

    /**
     * Whether {@link Database#prepareSchema()} applies pending steps itself: yes on SQLite, whose
     * file one process owns; no on PostgreSQL, where migrating a shared database is the
     * operator's deliberate step.
     */
    public boolean migratesSchemaBehind() {
        return migratesSchemaBehind;
    }

    /**
     * Binds a timestamp for plain JDBC, as the schema stores it: epoch milliseconds in an
     * INTEGER on SQLite, a timestamptz on PostgreSQL; the same instant for any date from year 1
     * to 9999. {@code null} binds SQL NULL.
     *
     * <pre>
     * db.dialect().bindInstant(insert, 3, Instant.parse("0001-01-01T00:00:00Z"));
     * </pre>
     */
    public abstract void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** Reads a timestamp column as {@link #bindInstant} wrote it; {@code null} for SQL NULL. */
    public abstract Instant readInstant(ResultSet row, int index) throws SQLException;
}
