package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A category of boards, written by the forum's DID. */
@Entity
@Table(name = "categories")
public class Category extends ListedRecordEntity {
    @Column(name = "forum_id")
    private Long forumId;

    public Long getForumId() {
        return forumId;
    }

    public void setForumId(Long forumId) {
        this.forumId = forumId;
    }
}
