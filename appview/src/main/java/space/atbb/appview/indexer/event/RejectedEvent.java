package space.atbb.appview.indexer.event;

/** An event the indexer will not apply, and why. Thrown while reading an event, before any write. */
public final class RejectedEvent extends Exception {
    private final SkipReason reason;

    public RejectedEvent(SkipReason reason, String detail) {
        super(detail, null, false, false); // expected on bad input: no stack trace to fill
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
