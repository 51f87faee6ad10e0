package space.atbb.appview.backfill;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import space.atbb.db.Database;
import space.atbb.db.schema.BackfillError;
import space.atbb.db.schema.BackfillProgress;

/** backfill_progress (one row per run) and backfill_errors (one row per repository or collection that failed). */
public final class ProgressStore {
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";
    /** backfill_errors.collection of a failure that concerns the whole repository. */
    static final String WHOLE_REPOSITORY = "*";

    private final Database db;

    public ProgressStore(Database db) {
        this.db = db;
    }

    /** The newest run, if any: what {@code /api/healthz/ready} reports. */
    public Optional<BackfillProgress> latest() {
        return db.inTransaction(s -> s.createQuery("from BackfillProgress order by id desc", BackfillProgress.class)
                .setMaxResults(1).uniqueResultOptional());
    }

    /** Whether any run ever completed: {@code serve} backfills at start until one has. */
    public boolean anyCompleted() {
        return db.inTransaction(s -> s.createQuery("select count(*) from BackfillProgress where status = :s", Long.class)
                .setParameter("s", COMPLETED).getSingleResult()) > 0;
    }

    /** The newest run of {@code type} that did not finish (killed, or stopped by a failure), to resume. */
    Optional<BackfillProgress> unfinished(String type) {
        return latest().filter(run -> run.getBackfillType().equals(type) && !COMPLETED.equals(run.getStatus()));
    }

    BackfillProgress start(String type, int total) {
        BackfillProgress run = new BackfillProgress();
        run.setStatus(RUNNING);
        run.setBackfillType(type);
        run.setDidsTotal(total);
        run.setStartedAt(Instant.now());
        db.useTransaction(s -> s.persist(run));
        return run;
    }

    /** Marks a resumed run running again, with the size of its repository list now. */
    void resume(BackfillProgress run, int total) {
        run.setStatus(RUNNING);
        run.setDidsTotal(total);
        run.setErrorMessage(null);
        save(run);
    }

    void save(BackfillProgress run) {
        db.useTransaction(s -> s.merge(run));
    }

    void finish(BackfillProgress run, String status, String errorMessage) {
        run.setStatus(status);
        run.setErrorMessage(errorMessage);
        run.setCompletedAt(Instant.now());
        save(run);
    }

    void error(BackfillProgress run, String did, String collection, String reason) {
        db.useTransaction(s -> s.persist(new BackfillError(run.getId(), did, collection, reason, Instant.now())));
    }

    List<BackfillError> errors(long runId) {
        return db.inTransaction(s -> s.createQuery("from BackfillError where backfillId = :id order by id",
                BackfillError.class).setParameter("id", runId).getResultList());
    }

    /** The repositories that failed in the newest finished run: what {@code --retry-errors} retries. */
    List<String> failedLastTime() {
        return db.inTransaction(s -> s.createQuery("select distinct e.did from BackfillError e where e.backfillId ="
                + " (select max(p.id) from BackfillProgress p where p.status <> :running) order by e.did", String.class)
                .setParameter("running", RUNNING).getResultList());
    }

    /** Every DID already in users, in order. */
    List<String> knownUsers() {
        return db.inTransaction(s -> s.createQuery("select u.did from User u order by u.did", String.class)
                .getResultList());
    }
}
