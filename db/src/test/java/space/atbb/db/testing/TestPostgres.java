package space.atbb.db.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    private final DatabaseUrl admin;
    private final URI server;
    private final String user;
    private final String password;
    private String migratedTemplate;

    /**
     * @param admin    a URL of the server's admin database; its own user and password, if any, are ignored
     * @param user     who connects, allowed to create databases
     * @param password the user's password, or null
     */
    private TestPostgres(DatabaseUrl admin, String user, String password) {
        this.admin = admin;
        this.server = server(admin);
        this.user = user;
        this.password = password;
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
            return new TestPostgres(url, url.user().orElse("postgres"), url.password().orElse(null));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            log.info("Test PostgreSQL from Testcontainers: {}", container.getJdbcUrl());
            return new TestPostgres(DatabaseUrl.parse(container.getJdbcUrl()), container.getUsername(),
                    container.getPassword());
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(embedded)));
            log.info("Test PostgreSQL embedded on port {}", embedded.getPort());
            return new TestPostgres(DatabaseUrl.parse(embedded.getJdbcUrl("postgres", "postgres")), "postgres", null);
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
            String template = "atbb_template_" + RUN_ID;
            admin("CREATE DATABASE " + template);
            try (var db = Databases.create(url(template))) {
                db.migrate();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> dropDatabase(url(template))));
            migratedTemplate = template;
        }
        admin("CREATE DATABASE " + name + (migrated ? " TEMPLATE " + migratedTemplate : ""));
        return url(name);
    }

    /** Drops a database {@link #createDatabase} made, closing what is still connected to it. */
    public void dropDatabase(String url) {
        admin("DROP DATABASE IF EXISTS " + databaseName(url) + " WITH (FORCE)");
    }

    /** Where the server listens, for a test that puts a relay in front of it. */
    public InetSocketAddress address() {
        return InetSocketAddress.createUnresolved(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
    }

    /** The same database and credentials as {@code url}, reached at another address (a relay in front of the server). */
    public String urlAt(String url, InetSocketAddress address) {
        return url(address.getHostString(), address.getPort(), server.getRawQuery(), databaseName(url), user, password);
    }

    /** A URL of another database on this server. */
    private String url(String database) {
        return url(server.getHost(), server.getPort(), server.getRawQuery(), database, user, password);
    }

    /**
     * {@code postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?PARAMETERS]}, the user and password
     * percent-encoded so that {@link DatabaseUrl#parse} reads them back whatever they hold.
     */
    static String url(String host, int port, String rawQuery, String database, String user, String password) {
        return "postgresql://" + encode(user) + (password == null ? "" : ":" + encode(password)) + "@" + host
                + (port < 0 ? "" : ":" + port) + "/" + database + (rawQuery == null ? "" : "?" + rawQuery);
    }

    private static String databaseName(String url) {
        return server(DatabaseUrl.parse(url)).getPath().substring(1);
    }

    /** The server's address, database and parameters, read from the JDBC URL the parsed one hands the driver. */
    private static URI server(DatabaseUrl url) {
        return URI.create(url.jdbcUrl().substring("jdbc:".length()));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void admin(String sql) {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), props);
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
