package space.atbb.db.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;
import space.atbb.db.Database;

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
        MigrationInfoService info;
        try {
            info = db.flyway().info();
        } catch (RuntimeException e) {
            return new Report("(unreadable)", List.of("schema: its history cannot be read: " + e.getMessage()));
        }
        MigrationInfo current = info.current();
        String version = current == null ? "(none)" : current.getVersion().getVersion();
        schemaVersion(info, version, problems);
        // Each part runs on its own: damage that stops one (a corrupted page) must not hide the others.
        section("checksums", problems, () -> {
            if (current != null) {
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
            if (current != null) {
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

    private static void schemaVersion(MigrationInfoService info, String version, List<String> problems) {
        MigrationInfo[] all = info.all();
        String latest = Arrays.stream(all).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                        && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("(none)");
        if (info.current() == null) {
            problems.add("schema: not migrated (this build's schema is version " + latest + ")");
        } else if (Arrays.stream(info.applied()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS)) {
            problems.add("schema: version " + version + " is newer than this build's " + latest);
        } else if (info.pending().length > 0) {
            problems.add("schema: version " + version + " is behind this build's " + latest + " ("
                    + info.pending().length + " steps pending)");
        }
        Arrays.stream(info.applied()).filter(m -> m.getState() == MigrationState.FAILED)
                .forEach(m -> problems.add("schema: step " + m.getVersion() + " failed part-way"));
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
