package space.atbb.db.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that forwards every connection to a server, for a test that takes the server
 * away under an open pool: {@link #cut()} shuts the port and cuts every forwarded connection, as
 * when the server goes down; {@link #reopen()} listens on the same port again, as when it is back.
 *
 * <pre>
 * try (TcpRelay relay = TcpRelay.to(TestPostgres.get().address())) {
 *     String url = TestPostgres.get().urlAt(databaseUrl, relay.address());
 *     ... relay.cut(); ... relay.reopen(); ...
 * }
 * </pre>
 */
public final class TcpRelay implements AutoCloseable {
    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket listener;

    private TcpRelay(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.port = listener.getLocalPort();
        this.listener = listener;
    }

    public static TcpRelay to(InetSocketAddress target) throws IOException {
        TcpRelay relay = new TcpRelay(target, listen(0));
        relay.acceptOn(relay.listener);
        return relay;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Shuts the port (connects are refused) and cuts every connection forwarded so far. */
    public synchronized void cut() {
        closeQuietly(listener);
        synchronized (sockets) {
            sockets.forEach(TcpRelay::closeQuietly);
            sockets.clear();
        }
    }

    /** Listens on the same port again after {@link #cut()}. */
    public synchronized void reopen() {
        try {
            listener = listen(port);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port + " again", e);
        }
        acceptOn(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the port again while cut connections linger in TIME_WAIT
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void acceptOn(ServerSocket socket) {
        daemon("relay-accept", () -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        try {
            while (true) {
                Socket client = socket.accept();
                Socket server;
                try {
                    server = new Socket(target.getHostString(), target.getPort());
                } catch (IOException serverDown) {
                    closeQuietly(client);
                    continue;
                }
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                daemon("relay-up", () -> pipe(client, server));
                daemon("relay-down", () -> pipe(server, client));
            }
        } catch (IOException closed) {
            // The port was shut.
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException cut) {
            // One side closed: the other follows below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable socket) {
        try {
            socket.close();
        } catch (Exception ignored) {
            // Already closed.
        }
    }
}
