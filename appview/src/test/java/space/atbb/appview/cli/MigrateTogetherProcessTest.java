package space.atbb.appview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import space.atbb.appview.indexer.Tables;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.TestDatabase;

/**
 * Several {@code serve --migrate} started at once on an empty database: one migrates, the others
 * wait for it, and all of them serve. PostgreSQL only: a SQLite file has one process, which
 * migrates it at start with or without the flag.
 */
class MigrateTogetherProcessTest {
    private static final int SERVERS = 3;

    @TempDir
    Path dir;

    @Test
    void oneMigratesTheOthersWaitAndAllStart() throws Exception {
        try (TestDatabase empty = TestDatabase.create(DatabaseKind.POSTGRES, false)) {
            List<ServeProcess> servers = new ArrayList<>();
            try {
                for (int i = 0; i < SERVERS; i++) {
                    servers.add(ServeProcess.start(dir, "serve-" + i, empty.url(), "--migrate"));
                }
                for (ServeProcess server : servers) {
                    assertThat(server.awaitReady(Duration.ofSeconds(90))).contains("\"indexer\":{\"role\":\"off\"");
                }
                List<String> logs = servers.stream().map(ServeProcess::log).toList();
                assertThat(logs).filteredOn(log -> log.contains("from schema version none")).hasSize(1);
                assertThat(logs).filteredOn(log -> log.contains("is up to date")).hasSize(SERVERS - 1);
            } finally {
                for (ServeProcess server : servers) {
                    server.close();
                }
            }
            // Each step applied once, and successfully.
            assertThat(Tables.strings(empty.database(), "SELECT count(*) FROM flyway_schema_history"
                    + " GROUP BY version HAVING count(*) > 1")).isEmpty();
            assertThat(Tables.strings(empty.database(), "SELECT count(*) FROM flyway_schema_history WHERE NOT success"))
                    .containsExactly("0");
            assertThat(empty.database().schemaStatus().pending()).isEmpty();
        }
    }
}
