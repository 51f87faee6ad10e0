package space.atbb.appview.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import space.atbb.db.copy.TableProgress;

/**
 * Shows a copy's progress: a bar redrawn in place on a terminal; elsewhere (a log, a pipe) plain
 * lines, one every few seconds per table and one when it is done.
 */
final class CopyProgressPrinter implements Consumer<TableProgress> {
    private static final int BAR = 30;
    private static final long PLAIN_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final PrintWriter out;
    private final boolean terminal;
    private long lastLine;

    CopyProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void accept(TableProgress p) {
        if (terminal) {
            int filled = p.rowsTotal() == 0 ? BAR : (int) (BAR * Math.min(1, (double) p.rowsDone() / p.rowsTotal()));
            out.print("\r" + String.format(Locale.ROOT, "%-18s [%s%s] %s", p.table(), "#".repeat(filled),
                    ".".repeat(BAR - filled), figures(p)) + (p.finished() ? "\n" : ""));
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (p.finished() || now - lastLine >= PLAIN_EVERY_NANOS) {
            out.println(p.table() + ": " + figures(p));
            lastLine = p.finished() ? 0 : now;
        }
    }

    private static String figures(TableProgress p) {
        String left = p.finished() ? "done in " + seconds(p.elapsed())
                : p.remaining().map(r -> "about " + seconds(r) + " left").orElse("");
        return String.format(Locale.ROOT, "%,d of %,d rows, %,.0f rows/s, %s", p.rowsDone(), p.rowsTotal(),
                p.rowsPerSecond(), left);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
