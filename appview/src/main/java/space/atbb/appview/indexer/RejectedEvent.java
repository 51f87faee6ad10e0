package space.atbb.appview.indexer;

/** An event the indexer will not apply, and why. Thrown while reading an event, before any write. */
final class RejectedEvent extends Exception {
    private final SkipReason reason;

    RejectedEvent(SkipReason reason, String detail) {
        super(detail, null, false, false); // expected on bad input: no stack trace to fill
        this.reason = reason;
    }

    SkipReason reason() {
        return reason;
    }
}
