package space.atbb.db.copy;

import java.time.Duration;
import java.util.List;

/**
 * What a copy did: every table compared after copying, and whether the target is now complete
 * (every table identical; the unfinished-copy mark removed).
 */
public record CopyReport(List<TableComparison> tables, long rowsCopied, Duration elapsed) {
    public CopyReport {
        tables = List.copyOf(tables);
    }

    public boolean complete() {
        return tables.stream().allMatch(TableComparison::matches);
    }

    public List<TableComparison> differences() {
        return tables.stream().filter(t -> !t.matches()).toList();
    }
}
