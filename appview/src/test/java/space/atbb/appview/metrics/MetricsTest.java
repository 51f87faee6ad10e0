package space.atbb.appview.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hawkular.agent.prometheus.text.TextPrometheusMetricDataParser;
import org.hawkular.agent.prometheus.types.Counter;
import org.hawkular.agent.prometheus.types.Gauge;
import org.hawkular.agent.prometheus.types.Histogram;
import org.hawkular.agent.prometheus.types.Metric;
import org.hawkular.agent.prometheus.types.MetricFamily;
import org.hawkular.agent.prometheus.types.MetricType;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.appview.forum.ReadDatabase;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.appview.indexer.TestEvents;
import space.atbb.appview.server.AppView;
import space.atbb.appview.testing.RunningAppView;
import space.atbb.appview.testing.RunningAppView.Page;
import space.atbb.db.Database;
import space.atbb.db.testing.DatabaseTest;
import space.atbb.lexicon.Nsid;

class MetricsTest {
    private static final String FORUM = TestEvents.FORUM;

    @DatabaseTest
    void countersMoveWithTheIndexerAndTheRequests(Database db) {
        ServerMetrics metrics = new ServerMetrics();
        AtomicReference<String> leadership = new AtomicReference<>("standby");
        metrics.bindLeadership(leadership::get);
        Indexer indexer = new Indexer(db, FORUM, IndexerOptions.DEFAULTS, metrics.indexerTotals());
        TestEvents events = new TestEvents();
        AppViewConfig config = AppViewConfig.builder().forumDid(FORUM).build();
        try (RunningAppView app = RunningAppView.start(new AppView(db, config, ReadDatabase.primaryOnly(db), metrics))) {
            Map<String, MetricFamily> before = scrape(app);
            assertThat(counter(before, "atbb_indexer_events_applied_total", Map.of())).isZero();
            assertThat(gauge(before, "atbb_leadership", Map.of("state", "standby"))).isEqualTo(1.0);
            assertThat(gauge(before, "atbb_leadership", Map.of("state", "leader"))).isZero();
            assertThat(gauge(before, "atbb_backfill_running", Map.of())).isZero();

            indexer.apply("test", List.of(events.structure().get(0), events.structure().get(1),
                    events.structure().get(2), events.topic("did:plc:alice", "t1", "hello", TestEvents.CREATED),
                    // A category written by someone else than the forum: refused as untrusted.
                    events.create("did:plc:mallory", Nsid.CATEGORY, "c9", Map.of("name", "Fake",
                            "createdAt", TestEvents.CREATED))));
            Page board = app.page("/boards/1");
            assertThat(board.status()).isEqualTo(200);
            assertThat(app.page("/boards/999").status()).isEqualTo(404);
            leadership.set("leader");

            Map<String, MetricFamily> after = scrape(app);
            assertThat(counter(after, "atbb_indexer_events_applied_total", Map.of())).isEqualTo(4.0);
            assertThat(counter(after, "atbb_indexer_events_skipped_total", Map.of("reason", "untrusted"))).isEqualTo(1.0);
            assertThat(counter(after, "atbb_indexer_events_skipped_total", Map.of("reason", "bad_json"))).isZero();
            assertThat(gauge(after, "atbb_indexer_lag_seconds", Map.of())).isNotNaN().isGreaterThanOrEqualTo(0);
            assertThat(gauge(after, "atbb_indexer_last_event_timestamp_seconds", Map.of()))
                    .isEqualTo(events.lastTimeUs() / 1_000_000.0);
            assertThat(gauge(after, "atbb_leadership", Map.of("state", "leader"))).isEqualTo(1.0);

            // The route pattern, not the raw path; a histogram with buckets.
            Histogram pages = histogram(after, "http_server_requests_seconds",
                    Map.of("method", "GET", "route", "/boards/{id}", "status", "200"));
            assertThat(pages.getSampleCount()).isEqualTo(1);
            assertThat(pages.getBuckets()).hasSizeGreaterThan(5);
            assertThat(histogram(after, "http_server_requests_seconds",
                    Map.of("method", "GET", "route", "/boards/{id}", "status", "404")).getSampleCount()).isEqualTo(1);
            assertThat(after.get("http_server_requests_seconds").getMetrics())
                    .allSatisfy(m -> assertThat(m.getLabels().get("route")).doesNotContain("999"));

            // The pool: every connection the work borrowed is back.
            assertThat(gauge(after, "atbb_db_connections_active", Map.of("pool", "primary"))).isZero();
            assertThat(gauge(after, "atbb_db_connections_waiting", Map.of("pool", "primary"))).isZero();
            assertThat(gauge(after, "atbb_db_connections_max", Map.of("pool", "primary")))
                    .isEqualTo(db.poolStats().size());
            assertThat(gauge(after, "atbb_db_connections_idle", Map.of("pool", "primary"))).isGreaterThanOrEqualTo(1);
        }
    }

    @DatabaseTest
    void metricsOffIsNotFound(Database db) {
        AppViewConfig config = AppViewConfig.builder().metrics("off").build();
        try (RunningAppView app = RunningAppView.start(new AppView(db, config))) {
            assertThat(app.page("/metrics").status()).isEqualTo(404);
            assertThat(app.page("/api/healthz").status()).isEqualTo(200);
        }
    }

    /** {@code /metrics} read by a Prometheus text-format parser, by family name; every family typed. */
    private static Map<String, MetricFamily> scrape(RunningAppView app) {
        Page page = app.page("/metrics");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/plain; version=0.0.4");
        Map<String, MetricFamily> families = new HashMap<>();
        try {
            TextPrometheusMetricDataParser parser = new TextPrometheusMetricDataParser(
                    new ByteArrayInputStream(page.body().getBytes(StandardCharsets.UTF_8)));
            for (MetricFamily family = parser.parse(); family != null; family = parser.parse()) {
                assertThat(family.getType()).as(family.getName()).isNotNull();
                assertThat(families.put(family.getName(), family)).as("twice: " + family.getName()).isNull();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(families).containsKeys("atbb_indexer_events_applied_total",
                "atbb_indexer_lag_seconds", "atbb_backfill_repositories_done", "atbb_backfill_repositories_listed",
                "atbb_db_connections_active",
                "jvm_memory_used_bytes");
        return families;
    }

    private static Metric metric(Map<String, MetricFamily> families, String name, MetricType type,
                                 Map<String, String> labels) {
        MetricFamily family = families.get(name);
        assertThat(family).as(name).isNotNull();
        assertThat(family.getType()).as(name).isEqualTo(type);
        return family.getMetrics().stream().filter(m -> m.getLabels().entrySet().containsAll(labels.entrySet()))
                .findFirst().orElseThrow(() -> new AssertionError(name + labels + " not among " + family.getMetrics()
                        .stream().map(Metric::getLabels).toList()));
    }

    private static double counter(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        return ((Counter) metric(families, name, MetricType.COUNTER, labels)).getValue();
    }

    private static double gauge(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        return ((Gauge) metric(families, name, MetricType.GAUGE, labels)).getValue();
    }

    private static Histogram histogram(Map<String, MetricFamily> families, String name, Map<String, String> labels) {
        return (Histogram) metric(families, name, MetricType.HISTOGRAM, labels);
    }
}
