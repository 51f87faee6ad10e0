package space.atbb.db;

/**
 * A transaction written as the leader found that this process no longer leads (see
 * {@link LeaderLock#fence}); it was not committed. Not a {@link DatabaseException}: retrying
 * the same write cannot succeed, the caller stops working as the leader.
 */
public final class LeadershipLostException extends RuntimeException {
    public LeadershipLostException(String message) {
        super(message);
    }
}
