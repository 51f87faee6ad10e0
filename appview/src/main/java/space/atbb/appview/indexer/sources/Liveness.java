package space.atbb.appview.indexer.sources;

import java.time.Duration;

/**
 * When a Jetstream connection counts as dead: the client sends a WebSocket ping every
 * {@code pingEvery}; when nothing at all (no event, no pong) has come for {@code deadAfter}, it
 * leaves the connection and reconnects. This catches a TCP connection dropped without a close,
 * which would otherwise wait forever.
 *
 * <pre>
 * new JetstreamClient(uri, Duration.ofSeconds(1), Duration.ofSeconds(60), Liveness.STANDARD);
 * </pre>
 *
 * @param pingEvery how often a ping is sent; {@link #STANDARD}: 30 s
 * @param deadAfter how long a silent connection is kept; {@link #STANDARD}: 60 s. More than {@code pingEvery}.
 */
public record Liveness(Duration pingEvery, Duration deadAfter) {
    public static final Liveness STANDARD = new Liveness(Duration.ofSeconds(30), Duration.ofSeconds(60));

    public Liveness {
        if (pingEvery == null || pingEvery.isNegative() || pingEvery.isZero()) {
            throw new IllegalArgumentException("The Jetstream ping interval must be positive, was " + pingEvery);
        }
        if (deadAfter == null || deadAfter.compareTo(pingEvery) <= 0) {
            throw new IllegalArgumentException("A Jetstream connection may be declared dead only after more than one"
                    + " ping interval (" + pingEvery + ") of silence, was " + deadAfter);
        }
    }

    /** How often silence is checked: often enough that a dead connection is left soon after {@code deadAfter}. */
    Duration checkEvery() {
        return pingEvery.dividedBy(6).compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : pingEvery.dividedBy(6);
    }
}
