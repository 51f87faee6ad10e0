package space.atbb.db.copy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import space.atbb.db.Dialect;

/**
 * The four kinds of value the schema holds, each read and written as the dialect stores it and
 * normalised the same way on both sides for checksums: 64-bit integers, text as UTF-8 bytes,
 * booleans (0/1 on SQLite), and timestamps as UTC epoch milliseconds (INTEGER on SQLite,
 * timestamptz on PostgreSQL).
 */
enum ColumnType {
    INTEGER {
        @Override
        Object read(Dialect dialect, ResultSet row, int index) throws SQLException {
            long value = row.getLong(index);
            return row.wasNull() ? null : value;
        }

        @Override
        void bind(Dialect dialect, PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.BIGINT);
            } else {
                statement.setLong(index, (Long) value);
            }
        }

        @Override
        String copyText(Object value) {
            return value.toString();
        }

        @Override
        void digest(Object value, DataOutputStream out) throws IOException {
            out.writeLong((Long) value);
        }
    },
    TEXT {
        @Override
        Object read(Dialect dialect, ResultSet row, int index) throws SQLException {
            return row.getString(index);
        }

        @Override
        void bind(Dialect dialect, PreparedStatement statement, int index, Object value) throws SQLException {
            statement.setString(index, (String) value);
        }

        @Override
        String copyText(Object value) {
            String text = (String) value;
            StringBuilder out = new StringBuilder(text.length() + 8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            return out.toString();
        }

        @Override
        void digest(Object value, DataOutputStream out) throws IOException {
            byte[] utf8 = ((String) value).getBytes(StandardCharsets.UTF_8);
            out.writeInt(utf8.length);
            out.write(utf8);
        }

        /** In code point order, which is UTF-8 byte order: how both databases sort the keys (binary collation). */
        @Override
        int compare(Object a, Object b) {
            String x = (String) a;
            String y = (String) b;
            int i = 0;
            int j = 0;
            while (i < x.length() && j < y.length()) {
                int cx = x.codePointAt(i);
                int cy = y.codePointAt(j);
                if (cx != cy) {
                    return Integer.compare(cx, cy);
                }
                i += Character.charCount(cx);
                j += Character.charCount(cy);
            }
            return Boolean.compare(i < x.length(), j < y.length());
        }
    },
    BOOLEAN {
        @Override
        Object read(Dialect dialect, ResultSet row, int index) throws SQLException {
            boolean value = row.getBoolean(index);
            return row.wasNull() ? null : value;
        }

        @Override
        void bind(Dialect dialect, PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.BOOLEAN);
            } else {
                statement.setBoolean(index, (Boolean) value);
            }
        }

        @Override
        String copyText(Object value) {
            return (Boolean) value ? "t" : "f";
        }

        @Override
        void digest(Object value, DataOutputStream out) throws IOException {
            out.writeBoolean((Boolean) value);
        }
    },
    TIMESTAMP {
        @Override
        Object read(Dialect dialect, ResultSet row, int index) throws SQLException {
            return dialect.readInstant(row, index);
        }

        @Override
        void bind(Dialect dialect, PreparedStatement statement, int index, Object value) throws SQLException {
            dialect.bindInstant(statement, index, (Instant) value);
        }

        /** ISO 8601 in UTC, which timestamptz reads in the proleptic Gregorian calendar as Java writes it. */
        @Override
        String copyText(Object value) {
            return value.toString();
        }

        /** Milliseconds: what SQLite keeps. A PostgreSQL-to-PostgreSQL copy keeps microseconds all the same. */
        @Override
        void digest(Object value, DataOutputStream out) throws IOException {
            out.writeLong(((Instant) value).truncatedTo(ChronoUnit.MILLIS).toEpochMilli());
        }
    };

    abstract Object read(Dialect dialect, ResultSet row, int index) throws SQLException;

    abstract void bind(Dialect dialect, PreparedStatement statement, int index, Object value) throws SQLException;

    /** A non-null value in PostgreSQL's COPY text format. */
    abstract String copyText(Object value);

    /** Writes a non-null value's normalised bytes. */
    abstract void digest(Object value, DataOutputStream out) throws IOException;

    /** Orders two non-null key values as the databases order them. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    int compare(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    /**
     * The kind of a column from its declared type: SQLite's declared names (INTEGER, TEXT,
     * BOOLEAN, TIMESTAMP) or PostgreSQL's (int8, int4, bigserial, text, bool, timestamptz).
     */
    static ColumnType of(String declaredType, String column) {
        String type = declaredType == null ? "" : declaredType.toLowerCase(Locale.ROOT);
        if (type.contains("timestamp")) {
            return TIMESTAMP;
        }
        if (type.startsWith("bool")) {
            return BOOLEAN;
        }
        if (type.contains("int") || type.contains("serial")) {
            return INTEGER;
        }
        if (type.equals("text") || type.contains("char")) {
            return TEXT;
        }
        throw new IllegalStateException("Column " + column + " has type '" + declaredType
                + "', which the copy does not know how to carry between dialects");
    }
}
