package dev.tusk.app.logic.portforward;

import io.fabric8.kubernetes.client.PortForward;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for pods and for the API server's port-forward (not Kubernetes): each "pod" is a local TCP server that,
 * like PostgreSQL, says nothing until the client has sent something, then answers every chunk with
 * {@code <pod>:<chunk>}. {@link #streams()} opens a stream to a pod as fabric8's port-forward does: it pumps the
 * tunnel's input to the pod and the pod's bytes to the tunnel's output, and closes the output when the stream ends —
 * at once when the pod does not listen (as the kubelet's "connection refused" on the error channel does).
 */
final class LocalPods implements AutoCloseable {

    private final Map<String, ServerSocket> servers = new ConcurrentHashMap<>();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    final List<String> opened = new CopyOnWriteArrayList<>();

    /** Starts a pod that answers. */
    void start(String pod) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        servers.put(pod, server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    accepted.add(s);
                    Thread.ofVirtual().start(() -> answer(pod, s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** Stops a pod: no more listener; its open connections are cut. */
    void stop(String pod) throws IOException {
        ServerSocket server = servers.remove(pod);
        if (server != null) {
            server.close();
        }
    }

    private static void answer(String pod, Socket s) {
        byte[] buffer = new byte[4096];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write((pod + ":" + new String(buffer, 0, n, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException ignored) {
            // the connection ended
        }
    }

    PodStreams streams() {
        return (namespace, pod, port, in, out) -> {
            opened.add(pod);
            ServerSocket server = servers.get(pod);
            Stream stream = new Stream();
            if (server == null) {
                stream.errors.add(new IOException("connect: connection refused (stand-in pod " + pod + " does not listen)"));
                Thread.ofVirtual().start(() -> stream.end(in, out));
                return stream;
            }
            try {
                stream.socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            } catch (IOException e) {
                stream.errors.add(e);
                Thread.ofVirtual().start(() -> stream.end(in, out));
                return stream;
            }
            Thread.ofVirtual().start(() -> {
                try {
                    InputStream fromPod = stream.socket.getInputStream();
                    byte[] buffer = new byte[4096];
                    int n;
                    while ((n = fromPod.read(buffer)) > 0) {
                        ByteBuffer b = ByteBuffer.wrap(buffer, 0, n);
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                    }
                } catch (IOException ignored) {
                    // ends below
                }
                stream.end(in, out);
            });
            Thread.ofVirtual().start(() -> {
                try {
                    WritableByteChannel toPod = Channels.newChannel(stream.socket.getOutputStream());
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    while (in.read(b) >= 0) {
                        b.flip();
                        while (b.hasRemaining()) {
                            toPod.write(b);
                        }
                        b.clear();
                    }
                } catch (IOException ignored) {
                    // ends below
                }
                stream.end(in, out);
            });
            return stream;
        };
    }

    @Override
    public void close() throws IOException {
        for (String pod : List.copyOf(servers.keySet())) {
            stop(pod);
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    private static final class Stream implements PortForward {
        volatile Socket socket;
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        private volatile boolean alive = true;

        synchronized void end(ReadableByteChannel in, WritableByteChannel out) {
            if (!alive) {
                return;
            }
            alive = false;
            closeQuietly(in);
            closeQuietly(out);
            if (socket != null) {
                closeQuietly(socket);
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                closeQuietly(socket);
            }
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public boolean errorOccurred() {
            return !errors.isEmpty();
        }

        @Override
        public Collection<Throwable> getClientThrowables() {
            return new ArrayList<>();
        }

        @Override
        public Collection<Throwable> getServerThrowables() {
            return errors;
        }

        private static void closeQuietly(AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }
}
