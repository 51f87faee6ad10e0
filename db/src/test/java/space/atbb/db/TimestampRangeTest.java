package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import space.atbb.db.schema.FirehoseCursor;
import space.atbb.db.testing.DatabaseTest;

/**
 * Any date from year 1 to 9999 is the same instant in the database as in Java, through plain JDBC
 * and through Hibernate. java.sql.Timestamp counts days before 1582-10-15 in the Julian calendar:
 * bound through it, 0001-01-01 would land on PostgreSQL as 0001-01-03 and still read back as
 * 0001-01-01, so each value is also checked against the database's own epoch arithmetic.
 */
class TimestampRangeTest {
    private static final List<Instant> EDGES = List.of(
            Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("1582-10-04T12:00:00.250Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"));

    @DatabaseTest
    void plainJdbcKeepsEveryDate(Database db) throws SQLException {
        try (Connection c = db.connection()) {
            for (int i = 0; i < EDGES.size(); i++) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO firehose_cursor (service, cursor, updated_at) VALUES (?, 1, ?)")) {
                    insert.setString(1, "jdbc" + i);
                    db.dialect().bindInstant(insert, 2, EDGES.get(i));
                    insert.executeUpdate();
                }
            }
            for (int i = 0; i < EDGES.size(); i++) {
                assertThat(readBack(db, c, "jdbc" + i)).isEqualTo(EDGES.get(i));
                assertThat(storedEpochMillis(db, c, "jdbc" + i)).isEqualTo(EDGES.get(i).toEpochMilli());
            }
        }
    }

    @DatabaseTest
    void hibernateKeepsEveryDate(Database db) throws SQLException {
        for (int i = 0; i < EDGES.size(); i++) {
            FirehoseCursor cursor = new FirehoseCursor("entity" + i, 1, EDGES.get(i));
            db.useTransaction(s -> s.persist(cursor));
        }
        for (int i = 0; i < EDGES.size(); i++) {
            String service = "entity" + i;
            assertThat(db.inTransaction(s -> s.find(FirehoseCursor.class, service)).getUpdatedAt())
                    .isEqualTo(EDGES.get(i));
            try (Connection c = db.connection()) {
                assertThat(storedEpochMillis(db, c, service)).isEqualTo(EDGES.get(i).toEpochMilli());
                assertThat(readBack(db, c, service)).isEqualTo(EDGES.get(i));
            }
        }
    }

    private static Instant readBack(Database db, Connection c, String service) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT updated_at FROM firehose_cursor WHERE service = ?")) {
            select.setString(1, service);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return db.dialect().readInstant(row, 1);
            }
        }
    }

    /** The database's own idea of the instant, with no Java date conversion on the way. */
    private static long storedEpochMillis(Database db, Connection c, String service) throws SQLException {
        String millis = db.dialect() == Dialect.POSTGRES
                ? "(extract(epoch FROM updated_at) * 1000)::bigint" : "updated_at";
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + millis + " FROM firehose_cursor WHERE service = ?")) {
            select.setString(1, service);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getLong(1);
            }
        }
    }
}
