package space.atbb.db.search;

/** A SQL condition with one {@code ?} placeholder, and the value to bind to it. */
public record SqlCondition(String sql, String argument) {
}
