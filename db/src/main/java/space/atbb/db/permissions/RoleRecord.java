package space.atbb.db.permissions;

import java.time.Instant;
import java.util.Objects;

/**
 * A {@code space.atbb.forum.role} record as indexed, less its permissions (those are passed
 * to {@link Permissions#saveRole(RoleRecord, java.util.Collection)} beside it).
 */
public record RoleRecord(String did, String rkey, String cid, String name, String description,
                         int priority, Instant createdAt) {
    public RoleRecord {
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(rkey, "rkey");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
