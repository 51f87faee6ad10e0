package space.atbb.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that forwards every connection to a server, until closed: then the port is
 * shut and every forwarded connection cut, as when the server goes away under an open pool.
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new ArrayList<>();

    private TcpRelay(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    static TcpRelay to(InetSocketAddress target) throws IOException {
        TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        daemon("relay-accept", relay::accept);
        return relay;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHostString(), target.getPort());
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                daemon("relay-up", () -> pipe(client, server));
                daemon("relay-down", () -> pipe(server, client));
            }
        } catch (IOException closed) {
            // The relay was closed.
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

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (sockets) {
            sockets.forEach(TcpRelay::closeQuietly);
        }
    }

    private static void daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
