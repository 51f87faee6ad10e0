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

    /** Creates the database (and the location) on first use by a parameter, removes them after the test. */
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
            if (current != null) {
                current.close();
                current = null;
            }
            if (location != null) {
                location.close();
                location = null;
            }
        }
    }
}
