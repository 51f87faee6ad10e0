package space.atbb.db.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary.Failure;
import space.atbb.db.Database;

/** The fixture fails a test that ends with a connection still borrowed, and names it. */
class LeakCheckTest {
    @Test
    void failsATestThatLeavesAConnectionBorrowed() {
        List<Failure> failures = run(Leaky.class);
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).getException())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Leaky.leavesItsConnectionOpen on SQLITE_MEMORY left 1 connection(s) borrowed and 1 active")
                .hasMessageContaining("PoolStats[size=1, total=1, active=1, idle=0, awaiting=0, queued=0, borrowed=1]")
                .hasMessageContaining("Close every connection");
    }

    @Test
    void passesATestThatReturnsWhatItBorrowed() {
        assertThat(run(Tidy.class)).isEmpty();
    }

    private static List<Failure> run(Class<?> testClass) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass)).build(), listener);
        assertThat(listener.getSummary().getTestsStartedCount()).as("tests run").isEqualTo(1);
        return new ArrayList<>(listener.getSummary().getFailures());
    }

    /** Run only through {@link #run} (the build's test runner leaves nested classes out). */
    static class Leaky {
        @DatabaseTest(kinds = DatabaseKind.SQLITE_MEMORY, migrated = false)
        void leavesItsConnectionOpen(Database db) {
            Connection forgotten = db.connection();
            assertThat(forgotten).isNotNull();
        }
    }

    static class Tidy {
        @DatabaseTest(kinds = DatabaseKind.SQLITE_MEMORY, migrated = false)
        void closesItsConnection(Database db) throws Exception {
            try (Connection c = db.connection()) {
                assertThat(c.isValid(1)).isTrue();
            }
        }
    }
}
