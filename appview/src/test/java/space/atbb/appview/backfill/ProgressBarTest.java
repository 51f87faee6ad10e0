package space.atbb.appview.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void showsRepositoriesRecordsRateAndTimeLeft() {
        assertThat(ProgressBar.line(new Backfill.Snapshot(25, 100, 5_000, Duration.ofSeconds(10))))
                .isEqualTo("[########......................] 25/100 repositories, 5000 records, 500 records/s,"
                        + " time left 0:00:30");
        assertThat(ProgressBar.line(new Backfill.Snapshot(0, 0, 0, Duration.ZERO)))
                .startsWith("[##############################] 0/0 repositories").endsWith("time left unknown");
    }

    @Test
    void redrawsOneLineOnATerminalAndPrintsPlainLinesEveryFiveSecondsOtherwise() {
        StringWriter terminal = new StringWriter();
        ProgressBar bar = ProgressBar.on(new PrintWriter(terminal), true);
        bar.accept(new Backfill.Snapshot(1, 2, 10, Duration.ofMillis(100)));
        bar.accept(new Backfill.Snapshot(2, 2, 20, Duration.ofMillis(200)));
        assertThat(terminal.toString()).startsWith("\r[").contains("\r[###").endsWith(System.lineSeparator())
                .doesNotContain(System.lineSeparator() + "\r");

        StringWriter pipe = new StringWriter();
        ProgressBar plain = ProgressBar.on(new PrintWriter(pipe), false);
        plain.accept(new Backfill.Snapshot(1, 4, 10, Duration.ofSeconds(1)));
        plain.accept(new Backfill.Snapshot(2, 4, 20, Duration.ofSeconds(2))); // within 5 s of the last line
        plain.accept(new Backfill.Snapshot(3, 4, 30, Duration.ofSeconds(7)));
        plain.accept(new Backfill.Snapshot(4, 4, 40, Duration.ofSeconds(8))); // the end always shows
        assertThat(pipe.toString().lines()).hasSize(3).allMatch(line -> !line.contains("\r"));
        assertThat(pipe.toString().lines()).extracting(line -> line.split(" ")[1])
                .containsExactly("1/4", "3/4", "4/4");
    }
}
