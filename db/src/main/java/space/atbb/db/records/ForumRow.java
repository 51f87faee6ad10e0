package space.atbb.db.records;

import java.util.Objects;
import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.forum} record (rkey {@code self}): the forum's name and description. */
public record ForumRow(AtUri uri, String cid, String name, String description) {
    public ForumRow {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(name, "name");
    }
}
