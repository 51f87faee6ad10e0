package space.atbb.db.records;

import space.atbb.lexicon.AtUri;

/** A {@code space.atbb.forum.forum} record (rkey {@code self}): the forum's name and description. */
public record ForumRow(AtUri uri, String cid, String name, String description) implements RecordRow {
}
