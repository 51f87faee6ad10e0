package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A role of the forum; its permissions are {@link RolePermission} rows. */
@Entity
@Table(name = "roles")
public class Role extends NamedRecordEntity {
    @Column(name = "priority")
    private int priority;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public int getPriority() {
        return priority;
    }

    public void setPriority(int priority) {
        this.priority = priority;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
