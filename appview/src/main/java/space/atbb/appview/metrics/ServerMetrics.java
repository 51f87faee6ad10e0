package space.atbb.appview.metrics;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.backfill.ProgressStore;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.event.SkipReason;
import space.atbb.db.Database;
import space.atbb.db.PoolStats;
import space.atbb.db.schema.BackfillProgress;

/**
 * The server's Prometheus metrics, through Micrometer: HTTP requests by route pattern and status,
 * the indexer's events (process totals, see {@link #indexerTotals()}), its lag, the latest
 * backfill's progress, each pool's connections, and (once wired) this replica's leadership. The
 * names are listed in docs/operations.md.
 *
 * <pre>
 * ServerMetrics metrics = new ServerMetrics();
 * new Indexer(db, forumDid, IndexerOptions.DEFAULTS, metrics.indexerTotals());   // counted on /metrics
 * metrics.bindPool("primary", () -&gt; Optional.of(db));
 * metrics.bindBackfill(new ProgressStore(db));
 * metrics.bindLeadership(() -&gt; "standby");
 * Javalin.create(cfg -&gt; metrics.register(cfg));   // GET /metrics
 * </pre>
 */
public final class ServerMetrics {
    private static final Logger log = LoggerFactory.getLogger(ServerMetrics.class);
    /** What a route that no endpoint matched (a 404, a static file) is labelled. */
    static final String UNMATCHED = "unmatched";
    /** The states a leadership supplier answers, one gauge each. */
    public static final List<String> LEADERSHIP_STATES = List.of("leader", "standby", "off");
    private static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IndexerCounters indexerTotals = new IndexerCounters();
    /** The latest backfill run, read once per scrape rather than once per gauge. */
    private volatile Optional<BackfillProgress> backfill = Optional.empty();
    private ProgressStore progressStore;

    public ServerMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        FunctionCounter.builder("atbb.indexer.events.applied", indexerTotals, IndexerCounters::applied)
                .description("Events the indexer wrote (parked ones included), from every source").register(registry);
        FunctionCounter.builder("atbb.indexer.events.parked", indexerTotals, IndexerCounters::parked)
                .description("Applied events that point at a record not indexed yet").register(registry);
        for (SkipReason reason : SkipReason.values()) {
            FunctionCounter.builder("atbb.indexer.events.skipped", indexerTotals, c -> c.skipped(reason))
                    .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                    .description("Events the indexer did not apply, by reason").register(registry);
        }
        Gauge.builder("atbb.indexer.lag", indexerTotals, c -> c.lagSeconds().orElse(Double.NaN))
                .baseUnit("seconds")
                .description("At the latest commit, how long after its newest event (Jetstream time_us) it committed")
                .register(registry);
        Gauge.builder("atbb.indexer.last.event.timestamp", indexerTotals,
                        c -> c.lastEventTime().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN))
                .baseUnit("seconds").description("The time of the newest event committed, in seconds since the epoch")
                .register(registry);
    }

    /**
     * The process's indexer totals: every indexer of the server (live stream, backfill, replays)
     * counts into these.
     */
    public IndexerCounters indexerTotals() {
        return indexerTotals;
    }

    /**
     * Connection gauges of a pool, {@code pool} naming it ({@code primary}, {@code read}). The
     * supplier is asked at each scrape: a pool not open yet (a replica down at start) reads as NaN.
     */
    public void bindPool(String pool, Supplier<Optional<Database>> db) {
        poolGauge("atbb.db.connections.active", pool, db, PoolStats::active, "Connections in use");
        poolGauge("atbb.db.connections.idle", pool, db, PoolStats::idle, "Connections open and free");
        poolGauge("atbb.db.connections.waiting", pool, db, s -> s.queued() + s.awaiting(),
                "Callers waiting for a connection: in the first-come, first-served queue and inside the pool");
        poolGauge("atbb.db.connections.max", pool, db, PoolStats::size, "The most connections the pool opens");
    }

    private void poolGauge(String name, String pool, Supplier<Optional<Database>> db,
                           ToDoubleFunction<PoolStats> value, String description) {
        Gauge.builder(name, () -> db.get().filter(d -> !d.isClosed()).map(d -> value.applyAsDouble(d.poolStats()))
                        .orElse(Double.NaN))
                .tag("pool", pool).description(description).register(registry);
    }

    /** Gauges of the newest backfill run (none before the first: NaN), read from backfill_progress at each scrape. */
    public void bindBackfill(ProgressStore store) {
        this.progressStore = store;
        Gauge.builder("atbb.backfill.repositories.done", this,
                        m -> m.backfill.map(r -> (double) r.getDidsProcessed()).orElse(Double.NaN))
                .description("Repositories the newest backfill run has processed").register(registry);
        Gauge.builder("atbb.backfill.repositories.listed", this,
                        m -> m.backfill.map(r -> (double) r.getDidsTotal()).orElse(Double.NaN))
                .description("Repositories the newest backfill run lists").register(registry);
        Gauge.builder("atbb.backfill.running", this,
                        m -> m.backfill.map(r -> "running".equals(r.getStatus()) ? 1.0 : 0.0).orElse(0.0))
                .description("1 while the newest backfill run is running").register(registry);
    }

    /**
     * The hook for leadership: {@code atbb_leadership{state="leader"|"standby"|"off"}}, 1 for the
     * state {@code state} answers at scrape time and 0 for the others.
     */
    public void bindLeadership(Supplier<String> state) {
        for (String name : LEADERSHIP_STATES) {
            Gauge.builder("atbb.leadership", state, s -> name.equals(s.get()) ? 1.0 : 0.0).strongReference(true).tag("state", name)
                    .description("This replica's part in leadership: 1 for the state it is in").register(registry);
        }
    }

    /** {@code GET /metrics} and the request timer on every HTTP request. */
    public void register(JavalinConfig cfg) {
        cfg.requestLogger.http(this::recordRequest);
        cfg.routes.get("/metrics", this::scrape);
    }

    private void recordRequest(Context ctx, Float executionMillis) {
        Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        Timer.builder("http.server.requests")
                .tag("method", ctx.method().name())
                .tag("route", endpoint == null ? UNMATCHED : endpoint.path)
                .tag("status", Integer.toString(ctx.statusCode()))
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .description("HTTP requests by route pattern and status")
                .register(registry)
                .record((long) (executionMillis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    private void scrape(Context ctx) {
        refreshBackfill();
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    private void refreshBackfill() {
        if (progressStore == null) {
            return;
        }
        try {
            backfill = progressStore.latest();
        } catch (RuntimeException e) {
            // The database is down: the other metrics still matter then.
            log.debug("Cannot read the backfill's progress for /metrics: {}", e.getMessage());
            backfill = Optional.empty();
        }
    }
}
