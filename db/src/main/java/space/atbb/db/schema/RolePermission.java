package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/**
 * One permission string held by one role. Rows go with their role: the foreign key cascades
 * on delete, on both dialects.
 */
@Entity
@Table(name = "role_permissions")
@IdClass(RolePermission.Key.class)
public class RolePermission {
    @Id
    @Column(name = "role_id")
    private Long roleId;

    @Id
    @Column(name = "permission")
    private String permission;

    protected RolePermission() {
    }

    public RolePermission(long roleId, String permission) {
        this.roleId = roleId;
        this.permission = permission;
    }

    public long getRoleId() {
        return roleId;
    }

    public String getPermission() {
        return permission;
    }

    /** The composite primary key (role_id, permission). */
    public record Key(Long roleId, String permission) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
