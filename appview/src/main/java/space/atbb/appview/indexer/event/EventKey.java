package space.atbb.appview.indexer.event;

import space.atbb.lexicon.AtUri;

/** Which record an event is about, for log lines; parts unknown on a broken event are null. */
public record EventKey(String did, String collection, String rkey) {
    private static final int MAX_LOGGED = 80;

    public static EventKey of(AtUri record) {
        return new EventKey(record.did(), record.collection(), record.rkey());
    }

    /** Values from the network, clipped and stripped of control characters before they reach a log. */
    @Override
    public String toString() {
        return "did=" + clip(did) + " collection=" + clip(collection) + " rkey=" + clip(rkey);
    }

    public static String clip(String value) {
        if (value == null) {
            return "?";
        }
        String shown = value.length() > MAX_LOGGED ? value.substring(0, MAX_LOGGED) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
