package space.atbb.db.testing;

import space.atbb.db.Dialect;

/** The databases every database test runs on. */
public enum DatabaseKind {
    SQLITE_FILE(Dialect.SQLITE),
    SQLITE_MEMORY(Dialect.SQLITE),
    POSTGRES(Dialect.POSTGRES);

    private final Dialect dialect;

    DatabaseKind(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }
}
