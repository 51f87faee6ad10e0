package space.atbb.appview.backfill;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a backfill's progress: repositories and records done, the rate and the time left. On a
 * terminal one line redrawn in place ({@code \r}); otherwise (a pipe, a log) a plain line every
 * {@value #PLAIN_EVERY_SECONDS} s and at the end.
 */
public final class ProgressBar implements Consumer<Backfill.Snapshot> {
    private static final Logger log = LoggerFactory.getLogger(ProgressBar.class);
    private static final int PLAIN_EVERY_SECONDS = 5;
    private static final int WIDTH = 30;

    private final Consumer<String> out;
    private final boolean terminal;
    private long lastPrintedSeconds = -PLAIN_EVERY_SECONDS;

    private ProgressBar(Consumer<String> out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on {@code out} when it is a terminal ({@code System.console() != null}), plain lines otherwise. */
    public static ProgressBar on(PrintWriter out, boolean terminal) {
        return new ProgressBar(line -> {
            out.print(terminal ? "\r" + line : line + System.lineSeparator());
            out.flush();
        }, terminal);
    }

    /** Plain lines in the log, for a backfill inside the server. */
    public static ProgressBar log() {
        return new ProgressBar(line -> log.info("Backfill: {}", line), false);
    }

    @Override
    public void accept(Backfill.Snapshot s) {
        long seconds = s.elapsed().toSeconds();
        boolean last = s.processed() >= s.total();
        if (!terminal && !last && seconds - lastPrintedSeconds < PLAIN_EVERY_SECONDS) {
            return;
        }
        lastPrintedSeconds = seconds;
        out.accept(line(s) + (terminal && last ? System.lineSeparator() : ""));
    }

    static String line(Backfill.Snapshot s) {
        double elapsed = Math.max(0.001, s.elapsed().toMillis() / 1000.0);
        double fraction = s.total() == 0 ? 1 : (double) s.processed() / s.total();
        int filled = (int) Math.round(fraction * WIDTH);
        long left = s.processed() == 0 ? -1 : Math.round(elapsed / s.processed() * (s.total() - s.processed()));
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + s.processed() + "/" + s.total()
                + " repositories, " + s.records() + " records, " + Math.round(s.records() / elapsed) + " records/s, "
                + "time left " + (left < 0 ? "unknown" : format(Duration.ofSeconds(left)));
    }

    private static String format(Duration d) {
        return String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
