package space.atbb.db.schema;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/** A record with a display name and an optional description: forums, categories, boards, roles. */
@MappedSuperclass
public abstract class NamedRecordEntity extends RecordEntity {
    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "description")
    private String description;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
