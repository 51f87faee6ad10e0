package space.atbb.appview.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.control.RepositoryBackfill;
import space.atbb.appview.indexer.Indexer;
import space.atbb.appview.indexer.IndexerCounters;
import space.atbb.appview.indexer.IndexerOptions;
import space.atbb.db.Database;
import space.atbb.db.DatabaseException;
import space.atbb.db.records.ParkedListener;
import space.atbb.db.records.RecordWriter;
import space.atbb.db.schema.BackfillProgress;
import space.atbb.lexicon.Did;
import space.atbb.lexicon.Nsid;

/**
 * Builds the forum from its repositories: the forum's DID, the members the relay lists for
 * {@code space.atbb.membership}, and every DID already in users, read with
 * {@code com.atproto.repo.listRecords} from each one's PDS and applied through the indexer's
 * {@link Indexer#applyRecords} (the firehose's checks and trust rules).
 *
 * <pre>
 * RepositoryBackfill.Result result = new Backfill(db, BackfillOptions.of(config, List.of(), false)).run(progress -> { });
 * </pre>
 *
 * Repositories go in DID order, a few at a time; {@code last_processed_did} only moves past a
 * repository once it and every one before it are done, so a run killed at any instant resumes
 * after it, redoing at most the repositories in flight (upserts: the same rows again). A
 * repository that cannot be read gets a backfill_errors row and the run goes on.
 */
public final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    /** What the forum's own repository holds, in the order a forum is built. */
    private static final List<String> FORUM_COLLECTIONS = List.of(Nsid.FORUM, Nsid.CATEGORY, Nsid.BOARD, Nsid.ROLE,
            Nsid.MEMBER_ROLE, Nsid.MOD_ACTION, Nsid.MEMBERSHIP, Nsid.POST);
    /** All a member may write that the forum reads. */
    private static final List<String> MEMBER_COLLECTIONS = List.of(Nsid.MEMBERSHIP, Nsid.POST);
    static final int RELAY_PAGE = 500;
    static final int RECORDS_PAGE = 100;

    /** After each repository: for a progress bar. */
    public record Snapshot(int processed, int total, long records, Duration elapsed) {
    }

    private final Database db;
    private final BackfillOptions options;
    private final ProgressStore store;
    private final Indexer indexer;
    private final Xrpc xrpc;
    private final DidResolver resolver;

    public Backfill(Database db, BackfillOptions options) {
        this(db, options, null);
    }

    /** @param totals the process's indexer totals, which the records applied also count into, or null */
    public Backfill(Database db, BackfillOptions options, IndexerCounters totals) {
        this.db = db;
        this.options = options;
        this.store = new ProgressStore(db);
        this.indexer = new Indexer(db, options.forumDid(), IndexerOptions.DEFAULTS, totals);
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.requestTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.xrpc = new Xrpc(http, options.requestTimeout(), options.attempts());
        this.resolver = new DidResolver(xrpc, options.plcUrl(), options.webScheme());
    }

    /** Runs to the end; {@code progress} hears of each repository done. */
    public RepositoryBackfill.Result run(Consumer<Snapshot> progress) throws InterruptedException {
        String type = options.type();
        Optional<BackfillProgress> unfinished = type.equals("full") ? store.unfinished(type) : Optional.empty();
        BackfillProgress run = unfinished.orElseGet(() -> store.start(type, 0));
        log.info("Backfill {} ({}) of forum {}{}", run.getId(), type, options.forumDid(),
                unfinished.map(r -> ", resuming after " + Optional.ofNullable(r.getLastProcessedDid()).orElse("(start)"))
                        .orElse(""));
        List<String> repositories;
        try {
            repositories = repositories(type, run.getLastProcessedDid());
        } catch (RepositoryUnavailable e) {
            store.finish(run, ProgressStore.FAILED, e.getMessage());
            log.error("Backfill {} failed: {}", run.getId(), e.getMessage());
            return result(run, 0, 0);
        }
        store.resume(run, run.getDidsProcessed() + repositories.size());
        Work work = new Work(run, progress);
        try {
            work.all(repositories);
        } catch (DatabaseException e) {
            store.finish(run, ProgressStore.FAILED, e.getMessage());
            throw e;
        }
        store.finish(run, ProgressStore.COMPLETED, null);
        RepositoryBackfill.Result result = result(run, work.skipped.get(), work.errors.get());
        log.info("Backfill {} completed: {} repositories, {} records indexed, {} skipped, {} failed", run.getId(),
                result.processed(), result.recordsIndexed(), result.skipped(), result.errors());
        return result;
    }

    private RepositoryBackfill.Result result(BackfillProgress run, long skipped, int errors) {
        return new RepositoryBackfill.Result(run.getId(), run.getStatus(), run.getDidsTotal(), run.getDidsProcessed(),
                run.getRecordsIndexed(), skipped, errors, run.getErrorMessage());
    }

    /** The run's repositories in DID order, after {@code after} when resuming. */
    private List<String> repositories(String type, String after) throws RepositoryUnavailable, InterruptedException {
        TreeSet<String> dids = new TreeSet<>();
        switch (type) {
            case "dids" -> dids.addAll(options.dids());
            case "retry-errors" -> dids.addAll(store.failedLastTime());
            default -> {
                dids.add(options.forumDid());
                dids.addAll(members());
                dids.addAll(store.knownUsers());
            }
        }
        return new ArrayList<>(after == null ? dids : dids.tailSet(after, false));
    }

    /** The relay's repositories holding a membership record, page by page. */
    private List<String> members() throws RepositoryUnavailable, InterruptedException {
        List<String> dids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("collection", Nsid.MEMBERSHIP);
            query.put("limit", Integer.toString(RELAY_PAGE));
            query.put("cursor", cursor);
            JsonNode page;
            try {
                page = xrpc.get(Xrpc.uri(options.relayUrl(), "/xrpc/com.atproto.sync.listReposByCollection", query));
            } catch (RepositoryUnavailable e) {
                throw new RepositoryUnavailable("The relay did not list the forum's members: " + e.getMessage()
                        + ". Check RELAY_URL, or backfill known repositories with --did.", e);
            }
            for (JsonNode repo : page.path("repos")) {
                String did = repo.path("did").asText();
                if (Did.isValid(did)) {
                    dids.add(did);
                }
            }
            String next = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
            cursor = next == null || next.equals(cursor) || page.path("repos").isEmpty() ? null : next;
        } while (cursor != null);
        return dids;
    }

    /** One run's repositories, a few at a time, with the progress row kept after each. */
    private final class Work {
        private final BackfillProgress run;
        private final Consumer<Snapshot> progress;
        private final long startNanos = System.nanoTime();
        private final Semaphore slots = new Semaphore(options.concurrency());
        /** Started repositories not yet counted, in DID order: the head moves last_processed_did. */
        private final Deque<Slot> inFlight = new ArrayDeque<>();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicInteger errors = new AtomicInteger();
        private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();

        private final class Slot {
            final String did;
            long records;
            boolean done;

            Slot(String did) {
                this.did = did;
            }
        }

        Work(BackfillProgress run, Consumer<Snapshot> progress) {
            this.run = run;
            this.progress = progress;
        }

        void all(List<String> dids) throws InterruptedException {
            ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), r -> {
                Thread t = new Thread(r, "atbb-backfill");
                t.setDaemon(true);
                return t;
            });
            try {
                for (String did : dids) {
                    slots.acquire();
                    if (fatal.get() != null) {
                        slots.release();
                        break;
                    }
                    Slot slot = new Slot(did);
                    synchronized (inFlight) {
                        inFlight.add(slot);
                    }
                    pool.execute(() -> {
                        try {
                            slot.records = repository(did);
                            finished(slot);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (RuntimeException e) {
                            fatal.compareAndSet(null, e);
                        } finally {
                            slots.release();
                        }
                    });
                }
                slots.acquire(options.concurrency()); // every task has ended
            } finally {
                pool.shutdownNow();
            }
            if (fatal.get() != null) {
                throw fatal.get();
            }
        }

        /** Counts every finished repository at the head of the queue, so the row never claims one in flight. */
        private void finished(Slot slot) {
            synchronized (inFlight) {
                slot.done = true;
                boolean moved = false;
                while (!inFlight.isEmpty() && inFlight.peekFirst().done) {
                    Slot head = inFlight.removeFirst();
                    run.setLastProcessedDid(head.did);
                    run.setDidsProcessed(run.getDidsProcessed() + 1);
                    run.setRecordsIndexed((int) Math.min(Integer.MAX_VALUE, run.getRecordsIndexed() + head.records));
                    moved = true;
                }
                if (moved) {
                    store.save(run);
                    progress.accept(new Snapshot(run.getDidsProcessed(), run.getDidsTotal(), run.getRecordsIndexed(),
                            Duration.ofNanos(System.nanoTime() - startNanos)));
                }
            }
        }

        /** Reads one repository; returns the records indexed. A failure is recorded, not thrown. */
        private long repository(String did) throws InterruptedException {
            DidResolver.Repository repo;
            try {
                repo = resolver.resolve(did);
            } catch (RepositoryUnavailable e) {
                failed(did, ProgressStore.WHOLE_REPOSITORY, e.getMessage());
                return 0;
            }
            repo.handle().ifPresent(handle -> saveHandle(did, handle));
            List<String> collections = did.equals(options.forumDid()) ? FORUM_COLLECTIONS : MEMBER_COLLECTIONS;
            Map<String, String> failures = new LinkedHashMap<>();
            long records = 0;
            for (String collection : collections) {
                try {
                    records += collection(repo, collection);
                } catch (RepositoryUnavailable e) {
                    failures.put(collection, e.getMessage());
                }
            }
            if (failures.size() == collections.size()) {
                failed(did, ProgressStore.WHOLE_REPOSITORY, "PDS " + repo.pds() + ": "
                        + failures.values().iterator().next());
            } else {
                failures.forEach((collection, reason) -> failed(did, collection, reason));
            }
            return records;
        }

        private long collection(DidResolver.Repository repo, String collection)
                throws RepositoryUnavailable, InterruptedException {
            long indexed = 0;
            String cursor = null;
            do {
                Map<String, String> query = new LinkedHashMap<>();
                query.put("repo", repo.did());
                query.put("collection", collection);
                query.put("limit", Integer.toString(RECORDS_PAGE));
                query.put("cursor", cursor);
                URI uri = Xrpc.uri(repo.pds(), "/xrpc/com.atproto.repo.listRecords", query);
                JsonNode page = xrpc.get(uri);
                JsonNode records = page.get("records");
                if (records == null || !records.isArray()) {
                    throw new RepositoryUnavailable("no records array in the answer of " + uri + ": "
                            + Xrpc.clip(page.toString()));
                }
                Indexer.RecordsApplied applied;
                synchronized (indexer) { // one writer: the database sees one transaction at a time from a backfill
                    applied = indexer.applyRecords(repo.did(), collection, records);
                }
                indexed += applied.applied();
                skipped.addAndGet(applied.skipped());
                String next = page.path("cursor").isTextual() ? page.path("cursor").asText() : null;
                cursor = next == null || next.equals(cursor) || records.isEmpty() ? null : next;
            } while (cursor != null);
            return indexed;
        }

        private void failed(String did, String collection, String reason) {
            log.warn("Backfill of {} {}: {}", did, collection.equals(ProgressStore.WHOLE_REPOSITORY) ? "failed"
                    : collection + " failed", reason);
            store.error(run, did, collection, reason);
            errors.incrementAndGet();
        }
    }

    /** The handle the DID document names, in users.handle. */
    private void saveHandle(String did, String handle) {
        try (Connection c = db.connection();
             RecordWriter w = new RecordWriter(c, db.dialect(), Instant.now(), ParkedListener.NONE)) {
            w.handle(did, handle);
        } catch (SQLException e) {
            throw new DatabaseException("Cannot store the handle of " + did + " in " + db.url() + ": " + e.getMessage(), e);
        }
    }
}
