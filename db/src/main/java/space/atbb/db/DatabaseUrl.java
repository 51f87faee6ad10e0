package space.atbb.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A database URL as the operator writes it, parsed into what the pool needs. The password is
 * kept out of {@link #jdbcUrl()} and out of {@link #toString()}, which shows the URL masked.
 *
 * <pre>
 * DatabaseUrl.parse("postgres://atbb:secret@db:5432/atbb?sslmode=require")
 *   → jdbc:postgresql://db:5432/atbb?sslmode=require, user atbb, password secret
 * DatabaseUrl.parse("file:./data/atbb.db")  → SQLite file ./data/atbb.db
 * DatabaseUrl.parse("file::memory:")        → a fresh in-memory SQLite database
 * </pre>
 */
public final class DatabaseUrl {
    /** The accepted forms, as shown to a user who typed something else. */
    public static final String ACCEPTED_FORMS = String.join("\n",
            "  postgres://USER:PASSWORD@HOST:PORT/DATABASE[?sslmode=...]   PostgreSQL",
            "  postgresql://USER:PASSWORD@HOST:PORT/DATABASE[?...]         PostgreSQL",
            "  jdbc:postgresql://HOST:PORT/DATABASE[?user=...&password=...] PostgreSQL",
            "  file:PATH          SQLite file, relative or absolute (e.g. file:./data/atbb.db)",
            "  jdbc:sqlite:PATH   SQLite file",
            "  file::memory:      SQLite in memory (tests; gone when closed)",
            "  jdbc:sqlite::memory:");

    private static final String MEMORY = ":memory:";
    // From the first ':' after "//" to the last '@' of the URL: an unencoded '/', '@' or ':' in
    // the password must not end the match early. An '@' further on (path, query) masks more than
    // needed, never less. Whitespace ends it, so mask() can run over a whole message line.
    private static final Pattern USERINFO_PASSWORD = Pattern.compile("(//[^:\\s]*:)\\S*@");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;#]*");

    private final Dialect dialect;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Path sqliteFile;
    private final String masked;

    private DatabaseUrl(Dialect dialect, String jdbcUrl, String user, String password,
                        Path sqliteFile, String masked) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.sqliteFile = sqliteFile;
        this.masked = masked;
    }

    /**
     * Parses one of the {@link #ACCEPTED_FORMS}.
     *
     * @throws IllegalArgumentException naming the accepted forms, with any password masked
     */
    public static DatabaseUrl parse(String url) {
        if (url == null || url.isBlank()) {
            throw invalid("(empty)", "no database URL was given");
        }
        String trimmed = url.trim();
        String masked = mask(trimmed);
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return postgresJdbc(trimmed, masked);
        }
        if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            return postgresUri(trimmed, masked);
        }
        if (trimmed.startsWith("jdbc:sqlite:")) {
            return sqlite(trimmed.substring("jdbc:sqlite:".length()), trimmed, masked);
        }
        if (trimmed.startsWith("file:")) {
            String path = trimmed.substring("file:".length());
            if (path.startsWith("//")) {
                path = path.substring(2); // file:///abs/path
            }
            return sqlite(path, trimmed, masked);
        }
        throw invalid(masked, "its prefix names no supported database");
    }

    /** Replaces any password in a URL-like string with {@code ****}. */
    public static String mask(String url) {
        String out = USERINFO_PASSWORD.matcher(url).replaceAll("$1****@");
        return QUERY_PASSWORD.matcher(out).replaceAll("$1****");
    }

    private static DatabaseUrl postgresJdbc(String url, String masked) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        if (!base.startsWith("jdbc:postgresql://") || base.length() == "jdbc:postgresql://".length()) {
            throw invalid(masked, "a PostgreSQL URL needs a host: jdbc:postgresql://HOST:PORT/DATABASE");
        }
        Query params = Query.parse(query < 0 ? "" : url.substring(query + 1));
        return new DatabaseUrl(Dialect.POSTGRES, base + params.render(), params.user, params.password,
                null, masked);
    }

    private static DatabaseUrl postgresUri(String url, String masked) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalid(masked, "it is not a valid URI (" + e.getReason()
                    + "); percent-encode special characters in the user and password");
        }
        // Java's URI ends the authority at the first '/' and the user info at the first '@': an
        // unencoded '/' or '@' in the password leaves no host, which must not quietly mean localhost
        // as an absent authority does (postgres:///atbb), or pushes '@HOST' into the path.
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if ((uri.getRawAuthority() != null && uri.getHost() == null) || path.contains("@")) {
            throw invalid(masked, "its user, password and host cannot be told apart; percent-encode special"
                    + " characters in the user and password (/ as %2F, @ as %40, : as %3A)");
        }
        String database = path.replaceFirst("^/", "");
        if (database.isEmpty()) {
            throw invalid(masked, "it names no database: postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        Query params = Query.parse(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        String user = params.user;
        String password = params.password;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String jdbc = "jdbc:postgresql://" + host + port + "/" + database + params.render();
        return new DatabaseUrl(Dialect.POSTGRES, jdbc, user, password, null, masked);
    }

    private static DatabaseUrl sqlite(String path, String original, String masked) {
        // Empty means memory to the SQLite driver: a DATABASE_URL=file: would lose everything on exit.
        if (path.isEmpty()) {
            throw invalid(masked, "a SQLite URL needs a path, or :memory: for a throw-away database");
        }
        if (path.equals(MEMORY)) {
            return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite::memory:", null, null, null, masked);
        }
        if (path.contains("?")) {
            throw invalid(masked, "SQLite URLs take no parameters here: atBB sets the PRAGMAs itself");
        }
        Path file = Path.of(path);
        return new DatabaseUrl(Dialect.SQLITE, "jdbc:sqlite:" + path, null, null, file, masked);
    }

    private static IllegalArgumentException invalid(String masked, String why) {
        return new IllegalArgumentException("Unsupported database URL '" + masked + "': " + why
                + ". Accepted forms:\n" + ACCEPTED_FORMS);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The JDBC URL, without the user and password (those go to the pool separately). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** The SQLite file as written (not yet resolved), or empty for PostgreSQL and {@code :memory:}. */
    public Optional<Path> sqliteFile() {
        return Optional.ofNullable(sqliteFile);
    }

    public boolean isInMemory() {
        return dialect == Dialect.SQLITE && sqliteFile == null;
    }

    /** The URL as given, with the password masked. */
    @Override
    public String toString() {
        return masked;
    }

    /** Query parameters with user and password taken out, the others kept in order. */
    private static final class Query {
        private final List<String> kept = new ArrayList<>();
        private String user;
        private String password;

        static Query parse(String raw) {
            Query q = new Query();
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String key = pair.split("=", 2)[0];
                String value = pair.contains("=") ? decode(pair.split("=", 2)[1]) : "";
                if (key.equalsIgnoreCase("user")) {
                    q.user = value;
                } else if (key.equalsIgnoreCase("password")) {
                    q.password = value;
                } else {
                    q.kept.add(pair);
                }
            }
            return q;
        }

        String render() {
            return kept.isEmpty() ? "" : "?" + String.join("&", kept);
        }
    }
}
