package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A record a backfill run could not index, kept for the operator. */
@Entity
@Table(name = "backfill_errors")
public class BackfillError {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "backfill_id", nullable = false)
    private long backfillId;

    @Column(name = "did", nullable = false)
    private String did;

    @Column(name = "collection", nullable = false)
    private String collection;

    @Column(name = "error_message", nullable = false)
    private String errorMessage;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BackfillError() {
    }

    public BackfillError(long backfillId, String did, String collection, String errorMessage,
                         Instant createdAt) {
        this.backfillId = backfillId;
        this.did = did;
        this.collection = collection;
        this.errorMessage = errorMessage;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getBackfillId() {
        return backfillId;
    }

    public String getDid() {
        return did;
    }

    public String getCollection() {
        return collection;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
