package space.atbb.db.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;
import space.atbb.db.Database;
import space.atbb.db.PoolStats;

/** Hands each {@link DatabaseTest} invocation its own database, and removes it afterwards. */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return AnnotationSupport.isAnnotated(context.getTestMethod(), DatabaseTest.class);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DatabaseTest settings = AnnotationSupport
                .findAnnotation(context.getRequiredTestMethod(), DatabaseTest.class).orElseThrow();
        return Arrays.stream(settings.kinds()).map(kind -> new Invocation(kind, settings.migrated()));
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final DatabaseKind kind;
        private final boolean migrated;

        Invocation(DatabaseKind kind, boolean migrated) {
            this.kind = kind;
            this.migrated = migrated;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind.name();
        }

        @Override
        public List<org.junit.jupiter.api.extension.Extension> getAdditionalExtensions() {
            return List.of(new Lifecycle(kind, migrated));
        }
    }

    /**
     * Creates the database (and the location) on first use by a parameter, and after the test
     * fails it if it left a connection borrowed, as JDBI's leak checker does; then removes them.
     */
    private static final class Lifecycle implements ParameterResolver, AfterEachCallback {
        private final DatabaseKind kind;
        private final boolean migrated;
        private TestDatabase current;
        private DatabaseLocation location;

        Lifecycle(DatabaseKind kind, boolean migrated) {
            this.kind = kind;
            this.migrated = migrated;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            return type == Database.class || type == TestDatabase.class || type == DatabaseKind.class
                    || type == DatabaseLocation.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (type == DatabaseKind.class) {
                return kind;
            }
            if (type == DatabaseLocation.class) {
                if (location == null) {
                    location = DatabaseLocation.create(kind, migrated);
                }
                return location;
            }
            if (current == null) {
                current = TestDatabase.create(kind, migrated);
            }
            return type == Database.class ? current.database() : current;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            try {
                checkAllReturned(context, current == null ? null : current.database());
                checkAllReturned(context, location == null ? null : location.opened());
            } finally {
                try (TestDatabase database = current; DatabaseLocation other = location) {
                    current = null;
                    location = null;
                }
            }
        }

        /** Every connection the test borrowed is back: none active in the pool, none handed out by the queue. */
        private void checkAllReturned(ExtensionContext context, Database database) {
            if (database == null || database.isClosed()) {
                return; // the test closed it itself (to test what follows): no pool left to look at
            }
            PoolStats pool = database.poolStats();
            if (!pool.allReturned()) {
                throw new AssertionError(context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + " on " + kind + " left "
                        + pool.borrowed() + " connection(s) borrowed and " + pool.active()
                        + " active in the pool when it ended (" + pool + "). Close every connection, "
                        + "session and transaction it opens, and stop what it started, before it returns.");
            }
        }
    }
}
