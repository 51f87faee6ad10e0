package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A member's record joining a forum; {@code roleUri} is the role the forum granted. */
@Entity
@Table(name = "memberships")
public class Membership extends RecordEntity {
    @Column(name = "forum_id")
    private Long forumId;

    @Column(name = "forum_uri", nullable = false)
    private String forumUri;

    @Column(name = "role")
    private String role;

    @Column(name = "role_uri")
    private String roleUri;

    @Column(name = "joined_at")
    private Instant joinedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public Long getForumId() {
        return forumId;
    }

    public void setForumId(Long forumId) {
        this.forumId = forumId;
    }

    public String getForumUri() {
        return forumUri;
    }

    public void setForumUri(String forumUri) {
        this.forumUri = forumUri;
    }

    public String getRole() {
        return role;
    }

    public void setRole(String role) {
        this.role = role;
    }

    public String getRoleUri() {
        return roleUri;
    }

    public void setRoleUri(String roleUri) {
        this.roleUri = roleUri;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public void setJoinedAt(Instant joinedAt) {
        this.joinedAt = joinedAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
