package space.atbb.appview.indexer.sources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.indexer.EventSource;
import space.atbb.db.DatabaseUrl;
import space.atbb.lexicon.Nsid;

/**
 * Jetstream over a WebSocket (java.net.http), asking for the {@code space.atbb.*} collections only.
 * When the connection drops it reconnects after an exponential backoff (doubling from
 * {@code minBackoff} up to {@code maxBackoff}, reset once an event arrives), resuming with
 * {@code ?cursor=} at the last event received, so nothing is missed; the indexer skips the
 * repeated ones. {@link #close()} stops it from any thread.
 *
 * <pre>
 * try (JetstreamClient jetstream = JetstreamClient.of("wss://jetstream2.us-east.bsky.network/subscribe")) {
 *     indexer.run(jetstream);     // returns once another thread calls jetstream.close()
 * }
 * </pre>
 */
public final class JetstreamClient implements EventSource {
    public static final String URL_VARIABLE = "JETSTREAM_URL";
    public static final String CURSOR_NAME = "jetstream";
    private static final Logger log = LoggerFactory.getLogger(JetstreamClient.class);
    private static final Pattern TIME_US = Pattern.compile("\"time_us\"\\s*:\\s*(\\d{1,18})");
    /** Events received but not yet taken by the indexer; a full queue stops reading (backpressure). */
    private static final int QUEUE_CAPACITY = 10_000;

    private final URI endpoint;
    private final Backoff backoff;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jetstream-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    private volatile WebSocket socket;
    private volatile long lastTimeUs = -1;

    /** @param endpoint a Jetstream subscribe URL, e.g. {@code wss://jetstream2.us-east.bsky.network/subscribe} */
    public JetstreamClient(URI endpoint, Duration minBackoff, Duration maxBackoff) {
        this(endpoint, new Backoff(minBackoff, maxBackoff));
    }

    private JetstreamClient(URI endpoint, Backoff backoff) {
        // A URI's scheme is case-insensitive (RFC 3986): WSS:// is wss://.
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a ws:// or wss:// URL, was "
                    + DatabaseUrl.mask(endpoint.toString()));
        }
        this.endpoint = endpoint;
        this.backoff = backoff;
    }

    /** The value of {@value #URL_VARIABLE}, with {@link Backoff#standard()}. */
    public static JetstreamClient of(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not set: set it to a Jetstream subscribe URL, "
                    + "e.g. wss://jetstream2.us-east.bsky.network/subscribe");
        }
        return new JetstreamClient(URI.create(url.trim()), Backoff.standard());
    }

    @Override
    public String cursorName() {
        return CURSOR_NAME;
    }

    @Override
    public void open(OptionalLong cursor) {
        lastTimeUs = cursor.orElse(-1);
        connect();
    }

    @Override
    public String next(Duration wait) throws InterruptedException {
        return queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean finished() {
        return closed && queue.isEmpty();
    }

    /** Stops reading and reconnecting; events already received are still handed out by {@link #next}. */
    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }

    /** The URL of the next connection: the collections wanted, and the cursor to resume from. */
    URI subscribeUri() {
        String base = endpoint.toString();
        String url = base + (base.contains("?") ? "&" : "?") + "wantedCollections=" + Nsid.PREFIX + "*";
        long cursor = lastTimeUs;
        return URI.create(cursor >= 0 ? url + "&cursor=" + cursor : url);
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI uri = subscribeUri();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, new Listener())
                .whenComplete((webSocket, error) -> {
                    if (error != null) {
                        reconnect("cannot connect: " + error.getMessage());
                    } else {
                        socket = webSocket;
                        log.info("Connected to Jetstream {}", DatabaseUrl.mask(uri.toString()));
                    }
                });
    }

    private void reconnect(String why) {
        if (closed) {
            return;
        }
        long delay = backoff.next().toMillis();
        log.warn("Jetstream connection lost ({}); reconnecting in {} ms", why, delay);
        try {
            reconnects.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("Not reconnecting: the client was closed meanwhile");
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                try {
                    // A full queue waits for the indexer, but not forever once closed: a client
                    // given up after a database failure would keep this thread otherwise.
                    while (!queue.offer(message, 1, TimeUnit.SECONDS)) {
                        if (closed) {
                            return null;
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                Matcher time = TIME_US.matcher(message);
                if (time.find()) {
                    lastTimeUs = Math.max(lastTimeUs, Long.parseLong(time.group(1)));
                }
                backoff.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            reconnect("closed by the server, status " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            reconnect(String.valueOf(error.getMessage()));
        }
    }
}
