package space.atbb.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import space.atbb.db.DatabaseUrl;
import space.atbb.db.Databases;

/**
 * The one PostgreSQL server of a test run, from the first source that works:
 * <ol>
 *   <li>{@code ATBB_TEST_POSTGRES_URL}, an admin URL of a running server (CI uses the local one),
 *       e.g. {@code postgresql://postgres@127.0.0.1:5432/postgres};</li>
 *   <li>Testcontainers, when a Docker engine answers;</li>
 *   <li>embedded PostgreSQL, a real server shipped as a Maven artifact.</li>
 * </ol>
 * Each test gets its own database on that server, created from a migrated template.
 */
public final class TestPostgres {
    public static final String URL_VARIABLE = "ATBB_TEST_POSTGRES_URL";
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestPostgres instance;

    private final String host;
    private final String adminUser;
    private final String adminPassword;
    private final String adminDatabase;
    private String migratedTemplate;

    private TestPostgres(String jdbcUrl, String user, String password) {
        String rest = jdbcUrl.substring("jdbc:postgresql://".length()).replaceFirst("\\?.*", "");
        this.host = rest.substring(0, rest.indexOf('/'));
        this.adminDatabase = rest.substring(rest.indexOf('/') + 1);
        this.adminUser = user;
        this.adminPassword = password;
    }

    public static synchronized TestPostgres get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestPostgres start() {
        String fromEnvironment = System.getenv(URL_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(fromEnvironment);
            log.info("Test PostgreSQL from {}: {}", URL_VARIABLE, url);
            return new TestPostgres(url.jdbcUrl(), url.user().orElse("postgres"), url.password().orElse(null));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            log.info("Test PostgreSQL from Testcontainers: {}", container.getJdbcUrl());
            return new TestPostgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            log.info("Test PostgreSQL embedded on port {}", embedded.getPort());
            return new TestPostgres(embedded.getJdbcUrl("postgres", "postgres"), "postgres", null);
        } catch (IOException e) {
            throw new IllegalStateException("No PostgreSQL for the tests: " + URL_VARIABLE
                    + " is unset, no Docker engine answers, and embedded PostgreSQL failed to start ("
                    + e.getMessage() + "). Set " + URL_VARIABLE + " to a server's admin URL.", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Creates an empty database, or one already migrated to the latest step; returns its URL. */
    public synchronized String createDatabase(boolean migrated) {
        String name = "atbb_test_" + RUN_ID + "_" + COUNTER.incrementAndGet();
        if (migrated && migratedTemplate == null) {
            migratedTemplate = "atbb_template_" + RUN_ID;
            admin("CREATE DATABASE " + migratedTemplate);
            try (var db = Databases.create(url(migratedTemplate))) {
                db.migrate();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(migratedTemplate)));
        }
        admin("CREATE DATABASE " + name + (migrated ? " TEMPLATE " + migratedTemplate : ""));
        return url(name);
    }

    public void dropDatabase(String url) {
        String name = url.replaceFirst("^.*/", "").replaceFirst("\\?.*", "");
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private String url(String database) {
        return "jdbc:postgresql://" + host + "/" + database + "?user=" + adminUser
                + (adminPassword == null ? "" : "&password=" + adminPassword);
    }

    private void admin(String sql) {
        Properties props = new Properties();
        props.setProperty("user", adminUser);
        if (adminPassword != null) {
            props.setProperty("password", adminPassword);
        }
        try (Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + host + "/" + adminDatabase, props);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test PostgreSQL admin statement failed: " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres embedded) {
        try {
            embedded.close();
        } catch (IOException ignored) {
            // The process is exiting.
        }
    }
}
