package space.atbb.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;

/** A second process on an open SQLite file fails at once, naming the file. */
class CrossProcessLockTest {
    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void refusesASecondProcessWhileTheFileIsOpen(TestDatabase fixture) throws Exception {
        Path file = fixture.directory().resolve("atbb.db").toRealPath();

        Probe locked = Probe.run(fixture.url());
        assertThat(locked.exitCode).as(locked.output).isEqualTo(3);
        assertThat(locked.output)
                .contains(file.toString())
                .contains("already open in another process");

        Path other = fixture.directory().resolve("other.db");
        Probe free = Probe.run("file:" + other);
        assertThat(free.exitCode).as(free.output).isZero();
        assertThat(free.output).contains("opened SQLITE");
    }

    private record Probe(int exitCode, String output) {
        static Probe run(String url) throws IOException, InterruptedException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    LockProbe.class.getName(), url)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
            return new Probe(process.exitValue(), output);
        }
    }
}
