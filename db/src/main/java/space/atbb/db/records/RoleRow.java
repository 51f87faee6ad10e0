package space.atbb.db.records;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import space.atbb.lexicon.AtUri;

/**
 * A {@code space.atbb.forum.role} record: a named set of permission strings, kept byte for byte
 * (unknown ones are data too). Duplicates collapse, in first-seen order.
 *
 * <pre>
 * new RoleRow(AtUri.of(forumDid, Nsid.ROLE, "mod"), cid, "Moderator", null, 20, createdAt,
 *             List.of("space.atbb.permission.moderatePosts"));
 * </pre>
 *
 * @throws IllegalArgumentException when a permission is null or holds a NUL character
 */
public record RoleRow(AtUri uri, String cid, String name, String description, int priority, Instant createdAt,
                      Set<String> permissions) implements RecordRow {
    public RoleRow(AtUri uri, String cid, String name, String description, int priority, Instant createdAt,
                   Collection<String> permissions) {
        this(uri, cid, name, description, priority, createdAt,
                permissions == null ? null : new LinkedHashSet<>(permissions));
    }

    public RoleRow {
        permissions = distinct(uri, permissions);
    }

    private static Set<String> distinct(AtUri uri, Collection<String> permissions) {
        Set<String> distinct = new LinkedHashSet<>(Objects.requireNonNull(permissions, "permissions"));
        if (distinct.contains(null)) {
            throw new IllegalArgumentException("Role " + uri
                    + " has a null permission; permissions are strings (unknown ones are kept as data).");
        }
        // SQLite would store it and PostgreSQL's text cannot: refused on both, a role saves alike everywhere.
        if (distinct.stream().anyMatch(permission -> permission.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("Role " + uri + " has a permission holding a NUL character"
                    + " (\\u0000), which PostgreSQL cannot store; remove it from the role.");
        }
        return Collections.unmodifiableSet(distinct);
    }
}
