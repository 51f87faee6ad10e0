package space.atbb.db.internal;

import java.sql.Types;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.hibernate.exception.spi.SQLExceptionConversionDelegate;
import org.hibernate.internal.util.JdbcExceptionHelper;
import org.hibernate.type.SqlTypes;
import org.sqlite.SQLiteException;

/**
 * Hibernate's SQLite dialect, plus what it lacks for parity with PostgreSQL: constraint
 * failures become {@link ConstraintViolationException}, with their kind, as they do there.
 */
public class SqliteDialect extends SQLiteDialect {
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_CONSTRAINT_CHECK = 275;
    private static final int SQLITE_CONSTRAINT_FOREIGNKEY = 787;
    private static final int SQLITE_CONSTRAINT_NOTNULL = 1299;
    private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
    private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;

    @Override
    public SQLExceptionConversionDelegate buildSQLExceptionConversionDelegate() {
        SQLExceptionConversionDelegate others = super.buildSQLExceptionConversionDelegate();
        return (exception, message, sql) -> {
            // The driver reports the primary code; the extended one says which constraint failed.
            int code = exception instanceof SQLiteException sqlite
                    ? sqlite.getResultCode().code : JdbcExceptionHelper.extractErrorCode(exception);
            if ((code & 0xff) != SQLITE_CONSTRAINT) {
                return others.convert(exception, message, sql);
            }
            return new ConstraintViolationException(message, exception, sql, kind(code),
                    getViolatedConstraintNameExtractor().extractConstraintName(exception));
        };
    }

    /**
     * For schema validation. Every SQLite integer is 64-bit whatever the declared type, and an id
     * column must be declared exactly INTEGER to be the rowid: so INTEGER columns hold Java longs.
     * SQLite has no zoned timestamp type: a TIMESTAMP column holds the UTC instants.
     */
    @Override
    public boolean equivalentTypes(int typeCode1, int typeCode2) {
        return super.equivalentTypes(typeCode1, typeCode2)
                || both(typeCode1, typeCode2, Types.INTEGER, Types.BIGINT)
                || both(typeCode1, typeCode2, Types.TIMESTAMP, SqlTypes.TIMESTAMP_UTC);
    }

    private static boolean both(int typeCode1, int typeCode2, int oneKind, int otherKind) {
        return (typeCode1 == oneKind || typeCode1 == otherKind) && (typeCode2 == oneKind || typeCode2 == otherKind);
    }

    private static ConstraintKind kind(int extendedCode) {
        return switch (extendedCode) {
            case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> ConstraintKind.UNIQUE;
            case SQLITE_CONSTRAINT_FOREIGNKEY -> ConstraintKind.FOREIGN_KEY;
            case SQLITE_CONSTRAINT_NOTNULL -> ConstraintKind.NOT_NULL;
            case SQLITE_CONSTRAINT_CHECK -> ConstraintKind.CHECK;
            default -> ConstraintKind.OTHER;
        };
    }
}
