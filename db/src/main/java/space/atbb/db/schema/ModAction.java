package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A moderation record (ban a member, hide a post), written by the forum's DID. */
@Entity
@Table(name = "mod_actions")
public class ModAction extends RecordEntity {
    @Column(name = "action", nullable = false)
    private String action;

    @Column(name = "subject_did")
    private String subjectDid;

    @Column(name = "subject_post_uri")
    private String subjectPostUri;

    @Column(name = "forum_id")
    private Long forumId;

    @Column(name = "reason")
    private String reason;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    public String getAction() {
        return action;
    }

    public void setAction(String action) {
        this.action = action;
    }

    public String getSubjectDid() {
        return subjectDid;
    }

    public void setSubjectDid(String subjectDid) {
        this.subjectDid = subjectDid;
    }

    public String getSubjectPostUri() {
        return subjectPostUri;
    }

    public void setSubjectPostUri(String subjectPostUri) {
        this.subjectPostUri = subjectPostUri;
    }

    public Long getForumId() {
        return forumId;
    }

    public void setForumId(Long forumId) {
        this.forumId = forumId;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
