package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A board inside a category, written by the forum's DID. */
@Entity
@Table(name = "boards")
public class Board extends ListedRecordEntity {
    @Column(name = "category_id")
    private Long categoryId;

    @Column(name = "category_uri", nullable = false)
    private String categoryUri;

    /** Visible topics; kept by {@code space.atbb.db.records}, read-only here. */
    @Column(name = "topic_count", insertable = false, updatable = false)
    private int topicCount;

    /** Visible topics and their visible replies; kept by {@code space.atbb.db.records}. */
    @Column(name = "post_count", insertable = false, updatable = false)
    private int postCount;

    /** The newest time of those posts; null for a board without visible topics. */
    @Column(name = "last_activity_at", insertable = false, updatable = false)
    private Instant lastActivityAt;

    public Long getCategoryId() {
        return categoryId;
    }

    public void setCategoryId(Long categoryId) {
        this.categoryId = categoryId;
    }

    public String getCategoryUri() {
        return categoryUri;
    }

    public void setCategoryUri(String categoryUri) {
        this.categoryUri = categoryUri;
    }

    public int getTopicCount() {
        return topicCount;
    }

    public int getPostCount() {
        return postCount;
    }

    public Instant getLastActivityAt() {
        return lastActivityAt;
    }
}
