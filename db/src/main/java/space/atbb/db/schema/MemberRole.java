package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The forum's grant of a role to a member ({@code space.atbb.forum.memberRole}); deleting the
 * record takes the role away. Only the forum's own records count.
 */
@Entity
@Table(name = "member_roles")
public class MemberRole extends RecordEntity {
    @Column(name = "subject_did", nullable = false)
    private String subjectDid;

    @Column(name = "role_uri", nullable = false)
    private String roleUri;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public String getSubjectDid() {
        return subjectDid;
    }

    public void setSubjectDid(String subjectDid) {
        this.subjectDid = subjectDid;
    }

    public String getRoleUri() {
        return roleUri;
    }

    public void setRoleUri(String roleUri) {
        this.roleUri = roleUri;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
