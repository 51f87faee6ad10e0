package space.atbb.appview.backfill;

/** Why a repository, or one of its collections, could not be read: the reason goes to backfill_errors. */
final class RepositoryUnavailable extends Exception {
    RepositoryUnavailable(String reason) {
        super(reason);
    }

    RepositoryUnavailable(String reason, Throwable cause) {
        super(reason, cause);
    }
}
