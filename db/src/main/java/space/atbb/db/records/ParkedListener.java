package space.atbb.db.records;

import space.atbb.lexicon.AtUri;

/**
 * Hears of a record written with a reference to a record not indexed yet (a board before its
 * category, a reply before its topic); the id is filled in when the target arrives.
 */
@FunctionalInterface
public interface ParkedListener {
    /** For writers whose records never wait for others (roles). */
    ParkedListener NONE = (record, detail) -> { };

    void parked(AtUri record, String detail);
}
