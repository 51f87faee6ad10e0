package space.atbb.appview.backfill;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import space.atbb.appview.config.AppViewConfig;
import space.atbb.lexicon.Did;

/**
 * What one backfill reads and how hard it tries.
 *
 * <pre>
 * BackfillOptions options = BackfillOptions.of(config, List.of(), false);      // the whole forum
 * BackfillOptions retry = options.withRetryErrors(true);                       // only last run's failures
 * </pre>
 *
 * @param dids           only these repositories ({@code --did}); empty: the forum, its members and every known user
 * @param retryErrors    only the repositories that failed in the newest finished run
 * @param concurrency    repositories read at a time. Default 4.
 * @param requestTimeout per HTTP request. Default 20 s.
 * @param attempts       per HTTP request, the first included. Default 4.
 * @param webScheme      how did:web documents are fetched: {@code https}; tests on 127.0.0.1 use {@code http}
 */
public record BackfillOptions(String forumDid, URI plcUrl, URI relayUrl, List<String> dids, boolean retryErrors,
                              int concurrency, Duration requestTimeout, int attempts, String webScheme) {
    public static final int DEFAULT_CONCURRENCY = 4;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_ATTEMPTS = 4;

    public BackfillOptions {
        if (!Did.isValid(forumDid)) {
            throw new IllegalArgumentException("backfill needs the forum's DID: set FORUM_DID or pass --forum-did");
        }
        Objects.requireNonNull(plcUrl, "plcUrl");
        Objects.requireNonNull(relayUrl, "relayUrl");
        dids = List.copyOf(dids);
        for (String did : dids) {
            if (!Did.isValid(did)) {
                throw new IllegalArgumentException("--did " + did + ": not a DID such as did:plc:abc123");
            }
        }
        if (retryErrors && !dids.isEmpty()) {
            throw new IllegalArgumentException("--retry-errors and --did exclude each other: give one of them");
        }
        if (concurrency < 1 || attempts < 1 || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("concurrency and attempts must be at least 1 and the timeout positive");
        }
    }

    /** The configured forum, PLC directory and relay, with the defaults above. */
    public static BackfillOptions of(AppViewConfig config, List<String> dids, boolean retryErrors) {
        return of(config.forumDid(), config.plcUrl(), config.relayUrl(), dids, retryErrors);
    }

    public static BackfillOptions of(Optional<String> forumDid, URI plcUrl, URI relayUrl, List<String> dids,
                                     boolean retryErrors) {
        return new BackfillOptions(forumDid.orElse(null), plcUrl, relayUrl, dids, retryErrors, DEFAULT_CONCURRENCY,
                DEFAULT_REQUEST_TIMEOUT, DEFAULT_ATTEMPTS, "https");
    }

    public BackfillOptions withDids(List<String> only) {
        return new BackfillOptions(forumDid, plcUrl, relayUrl, only, retryErrors, concurrency, requestTimeout,
                attempts, webScheme);
    }

    public BackfillOptions withRetryErrors(boolean retry) {
        return new BackfillOptions(forumDid, plcUrl, relayUrl, dids, retry, concurrency, requestTimeout, attempts,
                webScheme);
    }

    /** Shorter waits and plain-HTTP did:web, for a network served by a test on 127.0.0.1. */
    public BackfillOptions withHttp(Duration timeout, int tries, String scheme) {
        return new BackfillOptions(forumDid, plcUrl, relayUrl, dids, retryErrors, concurrency, timeout, tries, scheme);
    }

    /** {@code full}, {@code dids} or {@code retry-errors}: backfill_progress.backfill_type. */
    String type() {
        return !dids.isEmpty() ? "dids" : retryErrors ? "retry-errors" : "full";
    }
}
