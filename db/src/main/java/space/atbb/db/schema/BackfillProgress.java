package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One run of a backfill from members' repositories: local state, the only copy. */
@Entity
@Table(name = "backfill_progress")
public class BackfillProgress {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "backfill_type", nullable = false)
    private String backfillType;

    @Column(name = "last_processed_did")
    private String lastProcessedDid;

    @Column(name = "dids_total")
    private int didsTotal;

    @Column(name = "dids_processed")
    private int didsProcessed;

    @Column(name = "records_indexed")
    private int recordsIndexed;

    @Column(name = "started_at", nullable = false)
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "error_message")
    private String errorMessage;

    public Long getId() {
        return id;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getBackfillType() {
        return backfillType;
    }

    public void setBackfillType(String backfillType) {
        this.backfillType = backfillType;
    }

    public String getLastProcessedDid() {
        return lastProcessedDid;
    }

    public void setLastProcessedDid(String lastProcessedDid) {
        this.lastProcessedDid = lastProcessedDid;
    }

    public int getDidsTotal() {
        return didsTotal;
    }

    public void setDidsTotal(int didsTotal) {
        this.didsTotal = didsTotal;
    }

    public int getDidsProcessed() {
        return didsProcessed;
    }

    public void setDidsProcessed(int didsProcessed) {
        this.didsProcessed = didsProcessed;
    }

    public int getRecordsIndexed() {
        return recordsIndexed;
    }

    public void setRecordsIndexed(int recordsIndexed) {
        this.recordsIndexed = recordsIndexed;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }
}
