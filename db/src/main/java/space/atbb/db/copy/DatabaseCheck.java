package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import space.atbb.db.Database;
import space.atbb.db.SchemaStatus;

/**
 * Checks a database's health against what this build expects of it: the schema version, Flyway's
 * checksums of the applied steps, the tables, columns, indexes and foreign keys of a freshly
 * migrated database of the same dialect, an unfinished copy, and the engine's own checks (SQLite's
 * {@code integrity_check} and {@code foreign_key_check}; PostgreSQL's invalid indexes and
 * constraints not validated).
 *
 * <pre>
 * DatabaseCheck.Report report = DatabaseCheck.run(db);
 * report.healthy();    // false: report.problems() says "index posts_board_id_idx (...) is missing"
 * </pre>
 *
 * On PostgreSQL the expected structure comes from a scratch schema migrated in the same database
 * and dropped again, so the check needs the right to create a schema there.
 */
public final class DatabaseCheck {
    private DatabaseCheck() {
    }

    /** @param problems one line each, empty when healthy */
    public record Report(String schemaVersion, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        public boolean healthy() {
            return problems.isEmpty();
        }
    }

    public static Report run(Database db) {
        List<String> problems = new ArrayList<>();
        CopyDialect dialect = CopyDialect.of(db.dialect());
        SchemaStatus status;
        try {
            status = db.schemaStatus();
        } catch (RuntimeException e) {
            return new Report("(unreadable)", List.of("schema: its history cannot be read: " + e.getMessage()));
        }
        Optional<String> current = status.current();
        String version = current.orElse("(none)");
        schemaVersion(status, problems);
        // Each part runs on its own: damage that stops one (a corrupted page) must not hide the others.
        section("checksums", problems, () -> {
            if (current.isPresent()) {
                checksums(db, problems);
            }
        });
        section("copy state", problems, () -> {
            try (Connection connection = db.connection()) {
                CopyState.source(connection).ifPresent(source -> problems.add(
                        "an unfinished copy of " + source + ": resume it before serving from this database"));
            }
        });
        section("structure", problems, () -> {
            if (current.isPresent()) {
                Structure expected = dialect.expectedStructure(db);
                try (Connection connection = db.connection()) {
                    problems.addAll(Structure.read(connection, connection.getSchema()).differencesFrom(expected));
                }
            }
        });
        section(db.dialect() + " checks", problems, () -> {
            try (Connection connection = db.connection()) {
                problems.addAll(dialect.engineProblems(connection));
            }
        });
        return new Report(version, problems);
    }

    private interface Section {
        void run() throws SQLException;
    }

    private static void section(String name, List<String> problems, Section section) {
        try {
            section.run();
        } catch (SQLException | RuntimeException e) {
            problems.add(name + ": could not be checked: " + e.getMessage());
        }
    }

    private static void schemaVersion(SchemaStatus status, List<String> problems) {
        String latest = DatabaseCopy.latest(status);
        if (status.current().isEmpty()) {
            problems.add("schema: not migrated (this build's schema is version " + latest + ")");
        } else if (!status.newerThanBuild().isEmpty()) {
            problems.add("schema: version " + status.current().get() + " is newer than this build knows "
                    + status.newerThanBuild());
        } else if (!status.pending().isEmpty()) {
            problems.add("schema: version " + status.current().get() + " is behind this build's " + latest + " ("
                    + status.pending().size() + " steps pending)");
        }
        status.failedStep().ifPresent(step -> problems.add("schema: step " + step + " failed part-way"));
    }

    /** Flyway's validation, minus pending steps (reported above): edited or missing applied steps. */
    private static void checksums(Database db, List<String> problems) {
        ValidateResult result = Flyway.configure().configuration(db.flyway().getConfiguration())
                .ignoreMigrationPatterns("*:pending", "*:future").load().validateWithResult();
        if (!result.validationSuccessful) {
            result.invalidMigrations.forEach(m -> problems.add("migration " + m.version + " (" + m.filepath + "): "
                    + m.errorDetails.errorMessage.replaceAll("\\s+", " ").trim()));
        }
    }
}
