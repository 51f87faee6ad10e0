package space.atbb.db;

import java.time.Duration;
import java.util.Objects;

/**
 * How to open a database. Immutable; build one with {@link #builder(String)} or {@link #builder(DatabaseUrl)}.
 *
 * <pre>
 * Databases.create(DatabaseConfig.builder("postgres://atbb@db/atbb").poolSize(20).build());
 * </pre>
 *
 * <ul>
 *   <li>{@code url}: one of {@link DatabaseUrl#ACCEPTED_FORMS}; required.</li>
 *   <li>{@code poolSize}: connections in the pool. Default: 10 on PostgreSQL. SQLite is always 1
 *       (one writer per file), and asking it for more is an error.</li>
 *   <li>{@code connectionTimeout}: how long a caller waits for a free connection before a clear
 *       error. Default: 10 s on PostgreSQL, 5 s on SQLite. At least 250 ms.</li>
 *   <li>{@code busyTimeout}: SQLite's busy_timeout. Default: 5 s.</li>
 * </ul>
 */
public final class DatabaseConfig {
    private final DatabaseUrl url;
    private final int poolSize;
    private final Duration connectionTimeout;
    private final Duration busyTimeout;

    private DatabaseConfig(Builder b) {
        this.url = b.url;
        this.poolSize = b.poolSize == null ? url.dialect().defaultPoolSize() : b.poolSize;
        this.connectionTimeout = b.connectionTimeout == null
                ? url.dialect().defaultConnectionTimeout() : b.connectionTimeout;
        this.busyTimeout = b.busyTimeout;
    }

    /** @throws IllegalArgumentException when the URL is not one of the accepted forms */
    public static Builder builder(String url) {
        return builder(DatabaseUrl.parse(url));
    }

    /** The same from a URL parsed already. */
    public static Builder builder(DatabaseUrl url) {
        return new Builder(Objects.requireNonNull(url, "url"));
    }

    public DatabaseUrl url() {
        return url;
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    public Duration busyTimeout() {
        return busyTimeout;
    }

    @Override
    public String toString() {
        return "DatabaseConfig{url=" + url + ", dialect=" + dialect() + ", poolSize=" + poolSize
                + ", connectionTimeout=" + connectionTimeout + ", busyTimeout=" + busyTimeout + "}";
    }

    public static final class Builder {
        private final DatabaseUrl url;
        private Integer poolSize;
        private Duration connectionTimeout;
        private Duration busyTimeout = Duration.ofSeconds(5);

        private Builder(DatabaseUrl url) {
            this.url = url;
        }

        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
            }
            if (url.dialect() == Dialect.SQLITE && poolSize != 1) {
                throw new IllegalArgumentException("poolSize must be 1 for SQLite (" + url
                        + "): two connections writing one SQLite file fail each other with SQLITE_BUSY."
                        + " Use PostgreSQL for a larger pool.");
            }
            this.poolSize = poolSize;
            return this;
        }

        public Builder connectionTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "connectionTimeout");
            if (timeout.toMillis() < 250) {
                throw new IllegalArgumentException("connectionTimeout must be at least 250 ms, was "
                        + timeout.toMillis() + " ms");
            }
            this.connectionTimeout = timeout;
            return this;
        }

        public Builder busyTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "busyTimeout");
            if (timeout.isNegative() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("busyTimeout must be between 0 and "
                        + Integer.MAX_VALUE + " ms, was " + timeout.toMillis() + " ms");
            }
            this.busyTimeout = timeout;
            return this;
        }

        public DatabaseConfig build() {
            return new DatabaseConfig(this);
        }
    }
}
