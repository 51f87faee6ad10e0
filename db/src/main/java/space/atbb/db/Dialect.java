package space.atbb.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;
import space.atbb.db.search.SearchTerms;
import space.atbb.db.search.SqlCondition;

/**
 * The two SQL dialects atBB runs on. Everything that differs between them lives here or in
 * {@code space.atbb.db.internal.PoolFactory}; the rest of the code is dialect-free.
 */
public enum Dialect {
    POSTGRES(
            "org.postgresql.Driver",
            "db/migration/postgres",
            "org.hibernate.dialect.PostgreSQLDialect",
            10,
            Duration.ofSeconds(10),
            false) {
        @Override
        public SqlCondition postTextMatch(SearchTerms search) {
            String tsquery = search.terms().stream()
                    .map(phrase -> phrase.stream().map(word -> "'" + word + "'").collect(Collectors.joining(" <-> ")))
                    .collect(Collectors.joining(" & "));
            return new SqlCondition(POSTGRES_POST_TEXT + " @@ to_tsquery('simple', ?)", tsquery);
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
        public SqlCondition postTextMatch(SearchTerms search) {
            String match = search.terms().stream()
                    .map(phrase -> "\"" + String.join(" ", phrase) + "\"")
                    .collect(Collectors.joining(" "));
            return new SqlCondition("id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?)", match);
        }
    };

    /**
     * The text PostgreSQL's search index (migration step 0016) is built on: title and text, with every
     * character that is not a letter or digit made a space, so that words split as SQLite's
     * {@code unicode61} tokenizer splits them (PostgreSQL's own parser keeps hosts, e-mail addresses
     * and hyphenated words whole). A query must use this same expression for the index to serve it.
     */
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
     * A condition on the table {@code posts} (not aliased) that holds for the posts whose title or
     * text contains every term of {@code search} (a non-empty one), through this dialect's full-text index: an FTS5
     * table on SQLite, a GIN index on PostgreSQL. The terms are letters and digits only, so the
     * argument is always a well-formed query of the index's language.
     *
     * <pre>
     * SqlCondition match = db.dialect().postTextMatch(SearchTerms.parse(q));
     * // "SELECT id FROM posts WHERE " + match.sql(), bound to match.argument()
     * </pre>
     */
    public abstract SqlCondition postTextMatch(SearchTerms search);

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
     * Whether {@link Database#prepareSchema()} applies pending steps itself: yes on SQLite, whose
     * file one process owns; no on PostgreSQL, where migrating a shared database is the
     * operator's deliberate step.
     */
    public boolean migratesSchemaBehind() {
        return migratesSchemaBehind;
    }

    /**
     * Binds a timestamp for plain JDBC, as the schema stores it: epoch milliseconds in an
     * INTEGER on SQLite, a timestamptz on PostgreSQL. {@code null} binds SQL NULL.
     */
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (this == SQLITE) {
            if (instant == null) {
                statement.setNull(index, Types.BIGINT);
            } else {
                statement.setLong(index, instant.toEpochMilli());
            }
        } else {
            statement.setTimestamp(index, instant == null ? null : Timestamp.from(instant));
        }
    }
}
