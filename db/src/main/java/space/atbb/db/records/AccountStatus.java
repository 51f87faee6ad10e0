package space.atbb.db.records;

import java.util.Arrays;
import java.util.Optional;

/**
 * An account's state as its host announces it (a Jetstream {@code account} event). Any state but
 * {@link #ACTIVE} hides the account's posts and membership from reads; {@link #DELETED} also
 * removes its records.
 */
public enum AccountStatus {
    ACTIVE(null), TAKENDOWN("takendown"), SUSPENDED("suspended"), DEACTIVATED("deactivated"), DELETED("deleted");

    private final String stored;

    AccountStatus(String stored) {
        this.stored = stored;
    }

    /** users.account_status: null while active. */
    public String stored() {
        return stored;
    }

    /**
     * The state of an event's {@code active} and {@code status}: {@code active: true} is
     * {@link #ACTIVE} whatever the status; an inactive account must name one of the four statuses.
     */
    public static Optional<AccountStatus> of(boolean active, String status) {
        if (active) {
            return Optional.of(ACTIVE);
        }
        return Arrays.stream(values()).filter(s -> s.stored != null && s.stored.equals(status)).findFirst();
    }
}
