package space.atbb.appview.indexer.sources;

import io.javalin.Javalin;
import io.javalin.websocket.WsConnectContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Jetstream stand-in on a real WebSocket; {@link #connections} holds each connection's query. */
public final class FakeJetstream implements AutoCloseable {
    private static final Pattern TIME_US = Pattern.compile("\"time_us\":(\\d+)");

    public final List<Map<String, List<String>>> connections = new CopyOnWriteArrayList<>();
    private final Javalin server;

    /** What one connection is sent, given its number (from 0) and its query. */
    private interface Script {
        void serve(int connection, Map<String, List<String>> query, WsConnectContext ctx);
    }

    private FakeJetstream(Script script) {
        AtomicInteger next = new AtomicInteger();
        server = Javalin.create(cfg -> {
            cfg.jetty.port = 0;
            cfg.routes.ws("/subscribe", ws -> ws.onConnect(ctx -> {
                connections.add(ctx.queryParamMap());
                script.serve(next.getAndIncrement(), ctx.queryParamMap(), ctx);
            }));
        }).start();
    }

    /**
     * Each connection gets the next group of events, and every connection but the last is
     * closed by the server right after its group.
     */
    static FakeJetstream groups(List<List<String>> groups) {
        return new FakeJetstream((connection, query, ctx) -> {
            if (connection < groups.size()) {
                groups.get(connection).forEach(ctx::send);
            }
            if (connection < groups.size() - 1) {
                ctx.closeSession(1011, "test: dropped mid-stream");
            }
        });
    }

    /** Like a real Jetstream: each connection gets the events from its cursor on (the one at the cursor too). */
    public static FakeJetstream replaying(List<String> events) {
        return new FakeJetstream((connection, query, ctx) -> replay(events, query, ctx));
    }

    /**
     * The first connection gets {@code first} and then nothing more, staying open; the others
     * replay {@code stream} from their cursor.
     */
    static FakeJetstream firstThenReplaying(List<String> first, List<String> stream) {
        return new FakeJetstream((connection, query, ctx) -> {
            if (connection == 0) {
                first.forEach(ctx::send);
            } else {
                replay(stream, query, ctx);
            }
        });
    }

    /** The first connection gets {@code before}, then, once {@code gate} opens, {@code after}. */
    static FakeJetstream gated(List<String> before, CountDownLatch gate, List<String> after) {
        return new FakeJetstream((connection, query, ctx) -> {
            if (connection > 0) {
                return;
            }
            before.forEach(ctx::send);
            Thread sender = new Thread(() -> {
                try {
                    gate.await();
                    after.forEach(ctx::send);
                } catch (InterruptedException | RuntimeException closed) {
                    // The client went away.
                }
            }, "fake-jetstream-gate");
            sender.setDaemon(true);
            sender.start();
        });
    }

    /**
     * Like {@link #replaying}, but live: the events appear {@code perSecond} from now on, and a
     * connection gets those that appeared from its cursor on, then each one as it appears.
     */
    public static FakeJetstream paced(List<String> events, int perSecond) {
        long start = System.nanoTime();
        return new FakeJetstream((connection, query, ctx) -> {
            Thread sender = new Thread(() -> {
                int sent = 0;
                try {
                    while (sent < events.size() && ctx.session.isOpen()) {
                        long appeared = Math.min(events.size(), (System.nanoTime() - start) * perSecond / 1_000_000_000L);
                        for (; sent < appeared; sent++) {
                            sendFromCursor(events.get(sent), query, ctx);
                        }
                        Thread.sleep(10);
                    }
                } catch (InterruptedException | RuntimeException closed) {
                    // The client went away: nothing more to send it.
                }
            }, "fake-jetstream-" + connection);
            sender.setDaemon(true);
            sender.start();
        });
    }

    private static void replay(List<String> events, Map<String, List<String>> query, WsConnectContext ctx) {
        for (String event : events) {
            sendFromCursor(event, query, ctx);
        }
    }

    private static void sendFromCursor(String event, Map<String, List<String>> query, WsConnectContext ctx) {
        long cursor = query.containsKey("cursor") ? Long.parseLong(query.get("cursor").get(0)) : Long.MIN_VALUE;
        Matcher time = TIME_US.matcher(event);
        if (time.find() && Long.parseLong(time.group(1)) >= cursor) {
            ctx.send(event);
        }
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/subscribe");
    }

    @Override
    public void close() {
        server.stop();
    }
}
