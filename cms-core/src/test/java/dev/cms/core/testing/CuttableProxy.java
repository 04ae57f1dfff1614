package dev.cms.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between a node and its database that a fault-injection test can cut and restore,
 * so an outage is simulated without stopping the database server other builds share. Two ways to
 * cut: {@link #refuse()} is a stopped server (new connections refused, open ones reset), and
 * {@link #blackhole()} a host that vanished from the network (connections are accepted, nothing
 * is ever answered, open ones go silent). {@link #restore()} is the server back after a restart:
 * connections opened before it are gone, new ones reach the database again.
 */
public final class CuttableProxy implements AutoCloseable {

    private enum Mode { OPEN, REFUSING, BLACKHOLE, CLOSED }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.OPEN;
    private volatile ServerSocket listener;

    private CuttableProxy(InetSocketAddress target) {
        this.target = target;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** A proxy on a free port of 127.0.0.1, forwarding to {@code host:port}. */
    public static CuttableProxy to(String host, int port) {
        return new CuttableProxy(new InetSocketAddress(host, port));
    }

    public int port() {
        return port;
    }

    /** The JDBC URL with its {@code //host:port/} replaced by this proxy's. */
    public String rewrite(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    /** A stopped database: the port refuses connections and every open one is reset. */
    public synchronized void refuse() {
        mode = Mode.REFUSING;
        closeQuietly(listener);
        dropAll();
    }

    /** A database host gone silent: connections are still accepted, but no byte passes either way. */
    public synchronized void blackhole() {
        if (mode == Mode.REFUSING) {
            listener = listen(port);
            startAccepting(listener);
        }
        mode = Mode.BLACKHOLE;
    }

    /** The database back after a restart: connections from before the cut are gone, new ones work. */
    public synchronized void restore() {
        if (mode == Mode.REFUSING) {
            listener = listen(port);
            startAccepting(listener);
        }
        dropAll();
        mode = Mode.OPEN;
    }

    @Override
    public synchronized void close() {
        mode = Mode.CLOSED;
        closeQuietly(listener);
        dropAll();
    }

    private ServerSocket listen(int onPort) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
        }
    }

    private void startAccepting(ServerSocket server) {
        daemon("proxy-accept-" + port, () -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                sockets.add(client);
                if (mode == Mode.OPEN) {
                    daemon("proxy-connect-" + port, () -> connect(client));
                } else {
                    // Accepted and then ignored: the client waits for an answer that never comes.
                    daemon("proxy-hole-" + port, () -> pump(client, null));
                }
            }
        });
    }

    private void connect(Socket client) {
        Socket upstream = new Socket();
        try {
            upstream.connect(target, 5000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
            return;
        }
        sockets.add(upstream);
        daemon("proxy-up-" + port, () -> pump(client, upstream));
        pump(upstream, client);
    }

    /** Copies bytes from one socket to the other, or swallows them while the proxy is a black hole. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to == null ? null : to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (out != null && mode == Mode.OPEN) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // Reset by the other side or by a cut: the connection ends either way.
        } finally {
            closeQuietly(from);
            sockets.remove(from);
            if (to != null) {
                closeQuietly(to);
                sockets.remove(to);
            }
        }
    }

    private void dropAll() {
        for (Socket socket : sockets) {
            try {
                // A reset rather than an orderly close, as a killed server leaves its clients.
                socket.setSoLinger(true, 0);
            } catch (SocketException ignored) {
                // Already closed.
            }
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // Closing is best effort.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }
}
