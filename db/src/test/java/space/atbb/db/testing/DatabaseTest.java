package space.atbb.db.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per database kind, each time with a fresh {@link space.atbb.db.Database}
 * (and, if asked for, its {@link TestDatabase}) as parameters. A test that hands a database to
 * another process takes a {@link DatabaseLocation} instead, which this process leaves closed.
 *
 * <pre>
 * &#64;DatabaseTest
 * void savesABoard(Database db) { ... }            // SQLite file, SQLite :memory:, PostgreSQL
 *
 * &#64;DatabaseTest(migrated = false)
 * void migratesFromScratch(Database db) { ... }
 *
 * &#64;DatabaseTest(kinds = {DatabaseKind.SQLITE_FILE, DatabaseKind.POSTGRES})
 * void survivesAKill(DatabaseLocation location) { ... }  // location.url() for a child JVM
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface DatabaseTest {
    /** The kinds to run on: all of them unless the rule under test exists on one dialect only. */
    DatabaseKind[] kinds() default {DatabaseKind.SQLITE_FILE, DatabaseKind.SQLITE_MEMORY, DatabaseKind.POSTGRES};

    /** Whether every migration step is applied before the test. */
    boolean migrated() default true;
}
