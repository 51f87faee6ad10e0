package space.atbb.appview.control;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Backfills the forum from its repositories (the work of {@code appview backfill}). */
@FunctionalInterface
public interface RepositoryBackfill {
    /**
     * What the caller asks for; the forum DID, when given, overrides the runner's configuration.
     *
     * @param dids only these repositories; empty: the forum, its members and every known user
     */
    record Request(Optional<String> forumDid, URI plcUrl, URI relayUrl, List<String> dids, boolean retryErrors) {
    }

    /**
     * What a run did (its backfill_progress row and counts).
     *
     * @param status  completed, or failed when the run as a whole could not go on ({@code errorMessage} says why)
     * @param skipped records the indexer refused (malformed, untrusted), counted, not errors
     * @param errors  backfill_errors rows written: repositories or collections that could not be read
     */
    record Result(long runId, String status, int repositories, int processed, long recordsIndexed, long skipped,
                  int errors, String errorMessage) {
    }

    Result backfill(Request request);
}
