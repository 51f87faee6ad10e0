package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** How far the indexer has read a stream ({@code time_us} of the last applied event). */
@Entity
@Table(name = "firehose_cursor")
public class FirehoseCursor {
    @Id
    @Column(name = "service")
    private String service;

    @Column(name = "cursor", nullable = false)
    private long cursor;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected FirehoseCursor() {
    }

    public FirehoseCursor(String service, long cursor, Instant updatedAt) {
        this.service = service;
        this.cursor = cursor;
        this.updatedAt = updatedAt;
    }

    public String getService() {
        return service;
    }

    public long getCursor() {
        return cursor;
    }

    public void setCursor(long cursor) {
        this.cursor = cursor;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
