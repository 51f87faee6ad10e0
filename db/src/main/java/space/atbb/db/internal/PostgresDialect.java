package space.atbb.db.internal;

import org.hibernate.boot.model.TypeContributions;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.service.ServiceRegistry;
import org.hibernate.type.descriptor.jdbc.TimestampUtcAsOffsetDateTimeJdbcType;

/**
 * Hibernate's PostgreSQL dialect, with {@code Instant} bound as a UTC {@code OffsetDateTime}.
 * The stock mapping goes through {@code java.sql.Timestamp}, which counts days before
 * 1582-10-15 in the Julian calendar: 0001-01-01 would be stored as 0001-01-03, unlike on SQLite
 * and unlike plain JDBC ({@code Dialect.bindInstant}).
 */
public class PostgresDialect extends PostgreSQLDialect {
    @Override
    public void contributeTypes(TypeContributions typeContributions, ServiceRegistry serviceRegistry) {
        super.contributeTypes(typeContributions, serviceRegistry);
        typeContributions.contributeJdbcType(TimestampUtcAsOffsetDateTimeJdbcType.INSTANCE);
    }
}
