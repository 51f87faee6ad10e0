package space.atbb.db.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import space.atbb.db.Database;
import space.atbb.db.Databases;
import space.atbb.db.copy.CopyRefusedException.Reason;
import space.atbb.db.schema.Forum;
import space.atbb.db.schema.Post;
import space.atbb.db.testing.DatabaseKind;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.db.testing.TestDatabase;

/** Copies between every pair of kinds, verified, resumable, refusing what would lose or mix data. */
class DatabaseCopyTest {
    private static final int POSTS = 40;

    @DatabaseTest
    void copiesEveryTableIntoEachKind(Database source) throws SQLException {
        SampleRows.write(source, POSTS);
        for (DatabaseKind kind : DatabaseKind.values()) {
            try (TestDatabase target = TestDatabase.create(kind, false)) {
                List<TableProgress> progress = new ArrayList<>();
                CopyReport report = DatabaseCopy.from(source).to(target.database()).batchRows(9)
                        .onProgress(progress::add).run();

                assertThat(report.complete()).as("into " + kind + ": " + report.differences()).isTrue();
                assertThat(report.tables()).hasSize(15).allSatisfy(t -> assertThat(t.targetRows()).isPositive());
                assertThat(report.rowsCopied()).isEqualTo(report.tables().stream().mapToLong(TableComparison::sourceRows).sum());
                assertThat(DatabaseCopy.unfinishedCopy(target.database())).isEmpty();
                assertThat(DatabaseComparison.compare(source, target.database())).allMatch(TableComparison::matches);
                // The indexes and foreign keys set aside for the load are all back, as migrations made them.
                assertThat(DatabaseCheck.run(target.database()).problems()).isEmpty();
                assertThat(progress).filteredOn(p -> p.table().equals("posts") && !p.finished())
                        .extracting(TableProgress::rowsDone).containsExactly(9L, 18L, 27L, 36L);
                TableProgress posts = progress.stream().filter(p -> p.table().equals("posts") && p.finished())
                        .findFirst().orElseThrow();
                assertThat(posts.rowsDone()).isEqualTo(posts.rowsTotal()).isEqualTo(POSTS + 2);
                assertThat(posts.remaining()).isPresent();
                assertEntitiesRead(target.database());
                assertFreshIdsAfterTheCopy(target.database());
            }
        }
    }

    /** A SQLite file to PostgreSQL and back: the last file holds what the first did, value for value. */
    @DatabaseTest(kinds = DatabaseKind.SQLITE_FILE)
    void roundTripsSqliteThroughPostgres(Database original) throws SQLException {
        SampleRows.write(original, POSTS);
        try (TestDatabase postgres = TestDatabase.create(DatabaseKind.POSTGRES, false);
             TestDatabase back = TestDatabase.create(DatabaseKind.SQLITE_FILE, false)) {
            assertThat(DatabaseCopy.from(original).to(postgres.database()).run().complete()).isTrue();
            assertThat(DatabaseCopy.from(postgres.database()).to(back.database()).run().complete()).isTrue();

            List<TableComparison> tables = DatabaseComparison.compare(original, back.database());
            assertThat(tables).hasSize(15).allMatch(TableComparison::matches);
            assertThat(tables).allSatisfy(t -> assertThat(t.targetChecksum()).isEqualTo(t.sourceChecksum()));
            // The search index is not copied: SQLite's triggers build it from the copied posts.
            try (Connection c = back.database().connection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO posts_fts (posts_fts) VALUES ('integrity-check')");
                try (ResultSet row = s.executeQuery("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'generated'")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(POSTS);
                }
            }
        }
    }

    @DatabaseTest
    void resumesAnInterruptedCopyFromWhatWasCommitted(Database source) throws SQLException {
        SampleRows.write(source, POSTS);
        for (DatabaseKind kind : new DatabaseKind[] {DatabaseKind.POSTGRES, DatabaseKind.SQLITE_FILE}) {
            try (TestDatabase target = TestDatabase.create(kind, false)) {
                assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).batchRows(10)
                        .onProgress(p -> {
                            if (p.table().equals("posts") && p.rowsDone() == 20) {
                                throw new IllegalStateException("interrupted");
                            }
                        }).run()).hasMessage("interrupted");
                assertThat(count(target.database(), "posts")).isEqualTo(20);
                assertThat(DatabaseCopy.unfinishedCopy(target.database())).isPresent();
                assertThat(DatabaseCheck.run(target.database()).problems())
                        .contains("index posts_board_id_idx (on posts [board_id]) is missing")
                        .anySatisfy(p -> assertThat(p).startsWith("an unfinished copy of " + source.dialect()));

                assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).run())
                        .isInstanceOfSatisfying(CopyRefusedException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.UNFINISHED_COPY))
                        .hasMessageContaining("holds an unfinished copy");

                List<TableProgress> resumed = new ArrayList<>();
                CopyReport report = DatabaseCopy.from(source).to(target.database()).resume(true).batchRows(10)
                        .onProgress(resumed::add).run();
                assertThat(report.complete()).isTrue();
                assertThat(resumed).filteredOn(p -> p.table().equals("posts") && p.finished())
                        .singleElement().satisfies(p -> assertThat(p.rowsThisRun()).isEqualTo(POSTS + 2 - 20));
                assertThat(DatabaseCopy.unfinishedCopy(target.database())).isEmpty();
                assertThat(DatabaseComparison.compare(source, target.database())).allMatch(TableComparison::matches);
                assertThat(DatabaseCheck.run(target.database()).problems()).isEmpty();

                assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).resume(true).run())
                        .isInstanceOfSatisfying(CopyRefusedException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_NOT_EMPTY))
                        .hasMessageContaining("is not empty");
            }
        }
    }

    @DatabaseTest
    void refusesTheSameDatabaseAsSourceAndTarget(Database source, TestDatabase fixture) throws SQLException {
        SampleRows.write(source, 1);
        assertThatThrownBy(() -> DatabaseCopy.from(source).to(source).run())
                .isInstanceOfSatisfying(CopyRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SAME_DATABASE));
        if (fixture.kind() != DatabaseKind.SQLITE_MEMORY) { // a second handle on it by its URL
            try (Database again = Databases.create(fixture.url())) {
                assertThatThrownBy(() -> DatabaseCopy.from(source).to(again).run())
                        .hasMessageContaining("Source and target are the same database");
            }
        }
        assertThat(count(source, "posts")).isEqualTo(3);
    }

    @DatabaseTest
    void refusesATargetThatHoldsDataAndWritesNothing(Database source) throws SQLException {
        SampleRows.write(source, 1);
        for (DatabaseKind kind : DatabaseKind.values()) {
            try (TestDatabase target = TestDatabase.create(kind, true)) {
                target.database().useTransaction(s -> s.persist(forum()));
                assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).run())
                        .isInstanceOfSatisfying(CopyRefusedException.class,
                                e -> assertThat(e.reason()).isEqualTo(Reason.TARGET_NOT_EMPTY))
                        .hasMessageContaining("table forums holds 1 rows");
                assertThat(count(target.database(), "forums")).isEqualTo(1);
                assertThat(count(target.database(), "posts")).isZero();
                assertThat(DatabaseCopy.unfinishedCopy(target.database())).isEmpty();
            }
        }
    }

    @DatabaseTest
    void acceptsAMigratedButEmptyTarget(Database source) throws SQLException {
        SampleRows.write(source, 3);
        try (TestDatabase target = TestDatabase.create(DatabaseKind.POSTGRES, true)) {
            assertThat(DatabaseCopy.from(source).to(target.database()).run().complete()).isTrue();
        }
    }

    @DatabaseTest(migrated = false)
    void refusesASourceBehindTheBuildsSchemaAndWritesNothing(Database source) throws SQLException {
        String older = source.flyway().info().all()[1].getVersion().getVersion();
        source.migrate(older);
        try (TestDatabase target = TestDatabase.create(DatabaseKind.SQLITE_FILE, false)) {
            assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).run())
                    .isInstanceOfSatisfying(CopyRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SOURCE_SCHEMA))
                    .hasMessageContaining("is at schema version " + older + ", behind this build's");
            assertThat(target.database().schemaVersion()).isEmpty();
        }
    }

    @DatabaseTest(migrated = false)
    void refusesAnUnmigratedSource(Database source) {
        try (TestDatabase target = TestDatabase.create(DatabaseKind.SQLITE_MEMORY, false)) {
            assertThatThrownBy(() -> DatabaseCopy.from(source).to(target.database()).run())
                    .isInstanceOfSatisfying(CopyRefusedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SOURCE_SCHEMA))
                    .hasMessageContaining("holds no atBB schema");
        }
    }

    @DatabaseTest
    void reportsTheKeysThatDiffer(Database source) throws SQLException {
        SampleRows.write(source, POSTS);
        try (TestDatabase target = TestDatabase.create(DatabaseKind.SQLITE_MEMORY, false)) {
            assertThat(DatabaseCopy.from(source).to(target.database()).run().complete()).isTrue();
            try (Connection c = target.database().connection();
                 PreparedStatement edit = c.prepareStatement("UPDATE posts SET text = 'edited' WHERE id IN (12, 30)")) {
                edit.executeUpdate();
            }
            TableComparison posts = DatabaseComparison.compare(source, target.database()).stream()
                    .filter(t -> t.table().equals("posts")).findFirst().orElseThrow();
            assertThat(posts.matches()).isFalse();
            assertThat(posts.sourceRows()).isEqualTo(posts.targetRows());
            assertThat(posts.sourceChecksum()).isNotEqualTo(posts.targetChecksum());
            assertThat(posts.describe()).isEqualTo("posts: keys 12 to 30 differ (2 rows; 42 rows in the source, 42 in the target)");
        }
    }

    @DatabaseTest
    void ordersTablesAfterTheTablesTheyReferTo(Database db) throws SQLException {
        List<String> order;
        try (Connection c = db.connection()) {
            order = Tables.inDependencyOrder(c, CopyDialect.of(db.dialect())).stream().map(Table::name).toList();
        }
        assertThat(order).containsExactlyInAnyOrder("forums", "categories", "boards", "users", "memberships", "posts",
                "mod_actions", "roles", "role_permissions", "firehose_cursor", "backfill_progress", "backfill_errors",
                "sessions", "member_roles", "indexer_leader");
        assertThat(order.indexOf("forums")).isLessThan(order.indexOf("categories"));
        assertThat(order.indexOf("categories")).isLessThan(order.indexOf("boards"));
        assertThat(order.indexOf("boards")).isLessThan(order.indexOf("posts"));
        assertThat(order.indexOf("users")).isLessThan(order.indexOf("posts"));
        assertThat(order.indexOf("users")).isLessThan(order.indexOf("memberships"));
        assertThat(order.indexOf("roles")).isLessThan(order.indexOf("role_permissions"));
        assertThat(order.indexOf("backfill_progress")).isLessThan(order.indexOf("backfill_errors"));
    }

    private static void assertEntitiesRead(Database db) {
        Post reply = db.inTransaction(s -> s.find(Post.class, 2L));
        assertThat(reply.getRootPostId()).isEqualTo(3L);
        assertThat(reply.getText()).isEqualTo("re: " + SampleRows.AWKWARD);
        assertThat(reply.isDeletedByUser()).isTrue();
        assertThat(reply.getLastActivityAt()).isEqualTo(SampleRows.YEAR_9999);
        assertThat(db.inTransaction(s -> s.find(Post.class, 3L)).getCreatedAt()).isEqualTo(SampleRows.YEAR_ONE);
    }

    private static void assertFreshIdsAfterTheCopy(Database db) {
        long id = db.inTransaction(s -> {
            Forum forum = forum();
            s.persist(forum);
            return forum.getId();
        });
        assertThat(id).isGreaterThan(1L);
    }

    private static Forum forum() {
        Forum forum = new Forum();
        forum.setDid("did:plc:other");
        forum.setRkey("self");
        forum.setCid("cid");
        forum.setName("Another");
        forum.setIndexedAt(SampleRows.NOW);
        return forum;
    }

    private static long count(Database db, String table) throws SQLException {
        try (Connection c = db.connection();
             PreparedStatement count = c.prepareStatement("SELECT count(*) FROM " + table);
             ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
