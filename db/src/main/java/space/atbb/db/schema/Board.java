package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A board inside a category, written by the forum's DID. */
@Entity
@Table(name = "boards")
public class Board extends ListedRecordEntity {
    @Column(name = "category_id")
    private Long categoryId;

    @Column(name = "category_uri", nullable = false)
    private String categoryUri;

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
}
