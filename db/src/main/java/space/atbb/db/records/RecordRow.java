package space.atbb.db.records;

import space.atbb.lexicon.AtUri;

/** A network record as one row of its table: what {@link RecordWriter#put} takes. */
public sealed interface RecordRow permits ForumRow, CategoryRow, BoardRow, RoleRow, MemberRoleRow, ModActionRow,
        MembershipRow, PostRow {
    /** The record's address: its table's collection, and the row's (did, rkey). */
    AtUri uri();

    /** The version written. */
    String cid();
}
