package space.atbb.db.records;

import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import space.atbb.db.Dialect;

/**
 * Plain JDBC on one transaction's connection. {@link #batch} defers a statement into a JDBC batch
 * (the hot path: users, posts, memberships); {@link #update} and {@link #query} first flush what
 * is deferred, so every statement still sees the writes before it. Deferred SQL runs in the order
 * each statement was first used, which the tables rely on (a user before its post).
 */
final class Statements implements AutoCloseable {
    /** Work to do right after the deferred statements ran (checks on the new rows). */
    interface AfterFlush {
        void run(Statements statements) throws SQLException;
    }

    /** Reads state kept for one transaction. */
    interface StateLoader<T> {
        T load(Statements statements) throws SQLException;
    }

    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    private final Set<PreparedStatement> pending = new HashSet<>();
    private final Map<Class<?>, AfterFlush> afterFlush = new LinkedHashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final Map<Class<?>, Object> transactionState = new HashMap<>();
    private final Map<PreparedStatement, int[]> nullTypes = new HashMap<>();
    private final Map<PreparedStatement, Long> rowsChanged = new HashMap<>();

    Statements(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    void batch(String sql, Object... params) throws SQLException {
        PreparedStatement statement = statement(sql);
        bind(statement, params);
        statement.addBatch();
        pending.add(statement);
    }

    int update(String sql, Object... params) throws SQLException {
        flush();
        PreparedStatement statement = statement(sql);
        bind(statement, params);
        return statement.executeUpdate();
    }

    /** The first column of each row, as strings. */
    List<String> query(String sql, Object... params) throws SQLException {
        return rows(sql, params).stream().map(row -> row[0]).toList();
    }

    /** Each row's columns, as strings. */
    List<String[]> rows(String sql, Object... params) throws SQLException {
        flush();
        PreparedStatement statement = statement(sql);
        bind(statement, params);
        List<String[]> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery()) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = result.getString(i + 1);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * True the first time a (kind, key) pair is seen: lets a table skip a write already done in
     * this transaction. These statements live for one attempt at one transaction, so a rollback
     * forgets the pairs with the writes.
     */
    boolean firstInTransaction(String kind, String key) {
        return seen.add(kind + '\n' + key);
    }

    /**
     * The state of this type for this transaction, loaded on first use. Like the pairs of
     * {@link #firstInTransaction}, it is forgotten with a rollback.
     */
    <T> T transactionState(Class<T> type, StateLoader<T> loader) throws SQLException {
        Object state = transactionState.get(type);
        if (state == null) {
            state = loader.load(this);
            transactionState.put(type, state);
        }
        return type.cast(state);
    }

    /** The hook of this type for the current deferred work, created on first use. */
    <T extends AfterFlush> T afterFlush(Class<T> type, Supplier<T> create) {
        return type.cast(afterFlush.computeIfAbsent(type, t -> create.get()));
    }

    void flush() throws SQLException {
        // In first-use order, not in the order they became pending since the last flush: a post by
        // a known author may be pending before the insert of a new author that a later post needs.
        for (PreparedStatement statement : statements.values()) {
            if (pending.contains(statement)) {
                long changed = 0;
                for (int rows : statement.executeBatch()) {
                    changed += rows == Statement.SUCCESS_NO_INFO ? 1 : rows; // a driver that cannot say: a change
                }
                rowsChanged.merge(statement, changed, Long::sum);
            }
        }
        pending.clear();
        if (!afterFlush.isEmpty()) {
            List<AfterFlush> hooks = new ArrayList<>(afterFlush.values());
            afterFlush.clear();
            for (AfterFlush hook : hooks) {
                hook.run(this);
            }
        }
    }

    /**
     * The rows that the deferred statement {@code sql} changed since the last call for it, as far
     * as it has run; a driver's "changed an unknown number" counts as one.
     */
    long rowsChanged(String sql) {
        PreparedStatement statement = statements.get(sql);
        Long changed = statement == null ? null : rowsChanged.remove(statement);
        return changed == null ? 0 : changed;
    }

    /** Forgets deferred work after a rollback to a savepoint. */
    void discard() throws SQLException {
        for (PreparedStatement statement : pending) {
            statement.clearBatch();
        }
        pending.clear();
        rowsChanged.clear();
        afterFlush.clear();
        seen.clear();
        transactionState.clear();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * A NULL is bound with the type the database expects there: an untyped NULL among typed
     * values would make pgjdbc split a JDBC batch into one round trip per change of type.
     */
    private int[] parameterTypes(PreparedStatement statement) throws SQLException {
        int[] types = nullTypes.get(statement);
        if (types == null) {
            ParameterMetaData meta = statement.getParameterMetaData();
            types = new int[meta.getParameterCount()];
            for (int i = 0; i < types.length; i++) {
                types[i] = meta.getParameterType(i + 1);
            }
            nullTypes.put(statement, types);
        }
        return types;
    }

    private void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            int index = i + 1;
            if (value == null) {
                continue; // after the others: sqlite-jdbc describes no parameter before one is bound
            } else if (value instanceof String s) {
                statement.setString(index, s);
            } else if (value instanceof Instant instant) {
                dialect.bindInstant(statement, index, instant);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else if (value instanceof Integer n) {
                statement.setInt(index, n);
            } else if (value instanceof Long n) {
                statement.setLong(index, n);
            } else {
                throw new IllegalArgumentException("No JDBC binding for " + value.getClass().getName());
            }
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                statement.setNull(i + 1, parameterTypes(statement)[i]);
            }
        }
    }
}
