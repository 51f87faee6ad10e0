package space.atbb.appview.indexer.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay in front of a test server whose connections can go silent without closing, as a
 * TCP connection dropped somewhere on the network does: after {@link #silenceOpenConnections()},
 * the bytes of the connections open so far are swallowed both ways (pings get no pong), while
 * new connections are relayed again.
 */
final class SilentProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private static final class Relay {
        volatile boolean silent;
    }

    SilentProxy(URI target) throws IOException {
        this.targetPort = target.getPort();
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept, "silent-proxy-accept");
    }

    /** {@code uri} with this relay's port instead of the target's. */
    URI in(URI uri) {
        return URI.create(uri.toString().replace(":" + targetPort + "/", ":" + server.getLocalPort() + "/"));
    }

    void silenceOpenConnections() {
        relays.forEach(relay -> relay.silent = true);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Relay relay = new Relay();
                relays.add(relay);
                daemon(() -> pump(client, upstream, relay), "silent-proxy-up");
                daemon(() -> pump(upstream, client, relay), "silent-proxy-down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, Relay relay) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!relay.silent) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // a side closed: this relay ends
        }
    }

    private static void daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
