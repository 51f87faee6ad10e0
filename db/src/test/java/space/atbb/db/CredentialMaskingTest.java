package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A password never appears in an exception message, a toString() or a log line. */
class CredentialMaskingTest {
    private static final String PASSWORD = "hunter2-secret";

    @Test
    void aFailedConnectionNamesTheServerButNotThePassword() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        try {
            // Port 1 refuses connections: the pool fails at start, as with a server that is down.
            Throwable error = catchThrowable(() -> Databases.create(
                    "postgres://atbb:" + PASSWORD + "@127.0.0.1:1/atbb?sslmode=disable&connectTimeout=2"));

            assertThat(error).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("Cannot connect to postgres://atbb:****@127.0.0.1:1/atbb")
                    .hasMessageContaining("Check that the database server is running");
            for (Throwable t = error; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
            }
            assertThat(logs.list).isNotEmpty();
            for (ILoggingEvent event : logs.list) {
                assertThat(event.getFormattedMessage()).doesNotContain(PASSWORD);
                if (event.getThrowableProxy() != null) {
                    assertThat(ThrowableProxyUtil.asString(event.getThrowableProxy())).doesNotContain(PASSWORD);
                }
            }
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
        }
    }

    /** Unencoded, such a password made Java's URI read no host (so localhost) and escaped the mask. */
    @Test
    void aPasswordWithAnUnencodedSlashOrAtSignIsRefusedMasked() {
        for (String password : new String[] {"hunter/2-secret", "hunter@2-secret"}) {
            assertThatThrownBy(() -> Databases.create("postgres://atbb:" + password + "@127.0.0.1:1/atbb"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Unsupported database URL 'postgres://atbb:****@127.0.0.1:1/atbb'")
                    .hasMessageContaining("percent-encode special characters in the user and password")
                    .hasMessageNotContaining("secret");
        }
    }
}
