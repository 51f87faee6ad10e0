package space.atbb.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import space.atbb.db.DatabaseUrl;

/** The per-test URLs the fixture builds read back as they were meant, whatever the password holds. */
class TestPostgresUrlTest {
    @Test
    void encodesTheUserAndPasswordAndKeepsTheServerParameters() {
        String password = "p@ss:w/rd %+é?&#";
        DatabaseUrl url = DatabaseUrl.parse(TestPostgres.url("db.example", 6543, "sslmode=disable",
                "atbb_test_1", "the admin", password));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/atbb_test_1?sslmode=disable");
        assertThat(url.user()).contains("the admin");
        assertThat(url.password()).contains(password);
        assertThat(url.toString()).doesNotContain("rd");
    }

    @Test
    void leavesOutWhatIsNotThere() {
        DatabaseUrl url = DatabaseUrl.parse(TestPostgres.url("localhost", -1, null, "atbb_test_2", "postgres", null));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/atbb_test_2");
        assertThat(url.user()).contains("postgres");
        assertThat(url.password()).isEmpty();
    }
}
