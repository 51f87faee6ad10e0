package space.atbb.db.records;

import java.util.Objects;

/** The fields categories and boards share: how they are named and ordered in a listing. */
public record Listing(String name, String description, String slug, Integer sortOrder) {
    public Listing {
        Objects.requireNonNull(name, "name");
    }
}
