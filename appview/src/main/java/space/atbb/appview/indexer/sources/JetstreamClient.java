package space.atbb.appview.indexer.sources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import space.atbb.appview.indexer.EventSource;
import space.atbb.db.DatabaseUrl;
import space.atbb.lexicon.Nsid;

/**
 * Jetstream over a WebSocket (java.net.http), asking for the {@code space.atbb.*} collections only.
 * When the connection drops, or goes silent ({@link Liveness}: a ping every 30 s, left after 60 s
 * without an event or a pong), it reconnects after an exponential backoff (doubling from
 * {@code minBackoff} up to {@code maxBackoff}, reset once an event arrives), resuming with
 * {@code ?cursor=} {@link #REWIND} before the last event received, as Jetstream advises (events
 * near a reconnect may come out of order); the indexer skips the ones it applied already.
 * {@link #close()} stops it from any thread.
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
    /** How far before the last event received a new connection resumes. */
    public static final Duration REWIND = Duration.ofSeconds(3);

    private final URI endpoint;
    private final Backoff backoff;
    private final Liveness liveness;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "jetstream-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;
    /** The connection being read, null between connections. */
    private volatile Listener current;
    private volatile long lastTimeUs = -1;

    /** @param endpoint a Jetstream subscribe URL, e.g. {@code wss://jetstream2.us-east.bsky.network/subscribe} */
    public JetstreamClient(URI endpoint, Duration minBackoff, Duration maxBackoff) {
        this(endpoint, new Backoff(minBackoff, maxBackoff), Liveness.STANDARD);
    }

    public JetstreamClient(URI endpoint, Duration minBackoff, Duration maxBackoff, Liveness liveness) {
        this(endpoint, new Backoff(minBackoff, maxBackoff), liveness);
    }

    private JetstreamClient(URI endpoint, Backoff backoff, Liveness liveness) {
        // A URI's scheme is case-insensitive (RFC 3986): WSS:// is wss://.
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be a ws:// or wss:// URL, was "
                    + DatabaseUrl.mask(endpoint.toString()));
        }
        this.endpoint = endpoint;
        this.backoff = backoff;
        this.liveness = liveness;
    }

    /** The value of {@value #URL_VARIABLE}, with {@link Backoff#standard()}. */
    public static JetstreamClient of(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not set: set it to a Jetstream subscribe URL, "
                    + "e.g. wss://jetstream2.us-east.bsky.network/subscribe");
        }
        return new JetstreamClient(URI.create(url.trim()), Backoff.standard(), Liveness.STANDARD);
    }

    @Override
    public String cursorName() {
        return CURSOR_NAME;
    }

    @Override
    public Duration rewind() {
        return REWIND;
    }

    @Override
    public void open(OptionalLong cursor) {
        lastTimeUs = cursor.orElse(-1);
        long check = liveness.checkEvery().toNanos();
        reconnects.scheduleAtFixedRate(this::checkLiveness, check, check, TimeUnit.NANOSECONDS);
        connect();
    }

    /** The connection settings: when it is declared dead. */
    public Liveness liveness() {
        return liveness;
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
        Listener connection = current;
        if (connection != null) {
            connection.leave();
        }
    }

    /** The URL of the next connection: the collections wanted, and the cursor to resume from. */
    URI subscribeUri() {
        String base = endpoint.toString();
        String url = base + (base.contains("?") ? "&" : "?") + "wantedCollections=" + Nsid.PREFIX + "*";
        long cursor = lastTimeUs;
        long rewound = Math.max(0, cursor - TimeUnit.NANOSECONDS.toMicros(REWIND.toNanos()));
        return URI.create(cursor >= 0 ? url + "&cursor=" + rewound : url);
    }

    /** On the reconnect thread: pings the open connection when due, and leaves it once silent too long. */
    private void checkLiveness() {
        Listener connection = current;
        if (connection == null || closed) {
            return;
        }
        long now = System.nanoTime();
        long silent = now - connection.lastHeard;
        if (silent >= liveness.deadAfter().toNanos()) {
            if (connection.leave()) {
                reconnect("no event and no pong for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms");
            }
        } else if (now - connection.lastPing >= liveness.pingEvery().toNanos()) {
            connection.lastPing = now;
            connection.ping();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI uri = subscribeUri();
        Listener listener = new Listener();
        http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, listener)
                .whenComplete((webSocket, error) -> {
                    if (error != null) {
                        reconnect("cannot connect: " + error.getMessage());
                    } else {
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

    /** One connection: its messages, and when it was last heard from. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final AtomicBoolean left = new AtomicBoolean();
        private volatile WebSocket socket;
        private volatile long lastHeard = System.nanoTime();
        private volatile long lastPing = lastHeard;

        @Override
        public void onOpen(WebSocket webSocket) {
            socket = webSocket;
            lastHeard = System.nanoTime();
            lastPing = lastHeard;
            current = this;
            webSocket.request(1);
        }

        /** Leaves this connection; true only the first time (a close, an error and silence may race). */
        boolean leave() {
            if (!left.compareAndSet(false, true)) {
                return false;
            }
            if (current == this) {
                current = null;
            }
            WebSocket webSocket = socket;
            if (webSocket != null) {
                webSocket.abort();
            }
            return true;
        }

        void ping() {
            WebSocket webSocket = socket;
            if (webSocket != null && !left.get()) {
                webSocket.sendPing(ByteBuffer.allocate(0)).exceptionally(error -> {
                    log.debug("Jetstream ping not sent: {}", error.toString());
                    return null;
                });
            }
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastHeard = System.nanoTime();
            return WebSocket.Listener.super.onPing(webSocket, message); // answers with a pong and requests one more
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            lastHeard = System.nanoTime();
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
                        lastHeard = System.nanoTime(); // waiting for the indexer is not the server's silence
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
            if (leave()) {
                reconnect("closed by the server, status " + statusCode);
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            if (leave()) {
                reconnect(String.valueOf(error.getMessage()));
            }
        }
    }
}
