package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A topic (with a title and board) or a reply (with root and parent). */
@Entity
@Table(name = "posts")
public class Post extends RecordEntity {
    @Column(name = "title")
    private String title;

    @Column(name = "text", nullable = false)
    private String text;

    @Column(name = "forum_uri")
    private String forumUri;

    @Column(name = "board_uri")
    private String boardUri;

    @Column(name = "board_id")
    private Long boardId;

    @Column(name = "root_post_id")
    private Long rootPostId;

    @Column(name = "parent_post_id")
    private Long parentPostId;

    @Column(name = "root_uri")
    private String rootUri;

    @Column(name = "parent_uri")
    private String parentUri;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** A topic's own or newest reply's createdAt; null on replies. */
    @Column(name = "last_activity_at")
    private Instant lastActivityAt;

    /** A topic's visible replies; kept by {@code space.atbb.db.records}, read-only here. */
    @Column(name = "reply_count", insertable = false, updatable = false)
    private int replyCount;

    /** A topic's newest visible reply's createdAt; null without one. */
    @Column(name = "last_reply_at", insertable = false, updatable = false)
    private Instant lastReplyAt;

    /** The author of that reply. */
    @Column(name = "last_reply_did", insertable = false, updatable = false)
    private String lastReplyDid;

    @Column(name = "banned_by_mod")
    private boolean bannedByMod;

    @Column(name = "deleted_by_user")
    private boolean deletedByUser;

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }

    public String getForumUri() {
        return forumUri;
    }

    public void setForumUri(String forumUri) {
        this.forumUri = forumUri;
    }

    public String getBoardUri() {
        return boardUri;
    }

    public void setBoardUri(String boardUri) {
        this.boardUri = boardUri;
    }

    public Long getBoardId() {
        return boardId;
    }

    public void setBoardId(Long boardId) {
        this.boardId = boardId;
    }

    public Long getRootPostId() {
        return rootPostId;
    }

    public void setRootPostId(Long rootPostId) {
        this.rootPostId = rootPostId;
    }

    public Long getParentPostId() {
        return parentPostId;
    }

    public void setParentPostId(Long parentPostId) {
        this.parentPostId = parentPostId;
    }

    public String getRootUri() {
        return rootUri;
    }

    public void setRootUri(String rootUri) {
        this.rootUri = rootUri;
    }

    public String getParentUri() {
        return parentUri;
    }

    public void setParentUri(String parentUri) {
        this.parentUri = parentUri;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }

    public void setLastActivityAt(Instant lastActivityAt) {
        this.lastActivityAt = lastActivityAt;
    }

    public int getReplyCount() {
        return replyCount;
    }

    public Instant getLastReplyAt() {
        return lastReplyAt;
    }

    public String getLastReplyDid() {
        return lastReplyDid;
    }

    public boolean isBannedByMod() {
        return bannedByMod;
    }

    public void setBannedByMod(boolean bannedByMod) {
        this.bannedByMod = bannedByMod;
    }

    public boolean isDeletedByUser() {
        return deletedByUser;
    }

    public void setDeletedByUser(boolean deletedByUser) {
        this.deletedByUser = deletedByUser;
    }
}
