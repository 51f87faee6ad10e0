package space.atbb.appview.indexer;

/** Which record an event is about, for log lines; parts unknown on a broken event are null. */
record EventKey(String did, String collection, String rkey) {
    private static final int MAX_LOGGED = 80;

    /** Values from the network, clipped and stripped of control characters before they reach a log. */
    @Override
    public String toString() {
        return "did=" + clip(did) + " collection=" + clip(collection) + " rkey=" + clip(rkey);
    }

    static String clip(String value) {
        if (value == null) {
            return "?";
        }
        String shown = value.length() > MAX_LOGGED ? value.substring(0, MAX_LOGGED) + "…" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
