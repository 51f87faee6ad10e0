package space.atbb.db.search;

/**
 * Where a dialect finds the posts that match a search, for a list read newest indexed first.
 * {@code from} names the table {@code posts} (not aliased), joined to the text index where that
 * index is a table of its own; {@code condition} is the match, with one {@code ?} bound to
 * {@code argument}; {@code id} is the column, equal to {@code posts.id}, that the list is ordered
 * by and a later page's cursor bounds, written so that the index yielding the rows applies both
 * ({@code space.atbb.db.Dialect#postTextMatch}).
 */
public record TextMatch(String from, String condition, String id, String argument) {
}
