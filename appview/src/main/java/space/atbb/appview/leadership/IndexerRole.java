package space.atbb.appview.leadership;

import java.util.Locale;

/** What this {@code serve} process does about indexing, as {@code /api/healthz/ready} names it. */
public enum IndexerRole {
    /** It holds the leader lock and runs the indexer (the start-up backfill, then the live stream). */
    LEADER,
    /** Another process leads; this one serves the API and tries for the lock. */
    STANDBY,
    /** No stream is configured ({@code JETSTREAM_URL} unset): nothing to lead. */
    OFF;

    /** As the health route and metrics spell it: {@code leader}, {@code standby}, {@code off}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
