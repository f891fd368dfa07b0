package dev.tusk.app.logic.portforward;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.Redaction;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import dev.tusk.runtime.render.DatabasePod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.PortForward;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.WritableByteChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local port on {@code 127.0.0.1} that reaches a cluster's current primary (or a ready replica, read-only),
 * whichever pod that is at the moment a connection arrives. The port is fixed for the tunnel's lifetime; each
 * accepted connection gets its own port-forward stream to port 5432 of the target pod, so the tunnel follows
 * switchovers and failovers and survives pod replacement by itself: there is no long-lived forward to go stale.
 *
 * <p>Behaviour a client sees:
 * <ul>
 *   <li>A new connection waits (up to {@link Options#connectWait()}) until there is a target that accepts it. While
 *       the server has not said a byte yet (PostgreSQL waits for the client's startup packet), a refused or broken
 *       stream is retried with the then-current target and the client's first bytes are replayed — so connecting
 *       during a crash restart or a failover succeeds as soon as a primary accepts, instead of failing at once.</li>
 *   <li>An established connection is not moved (a database session cannot be): when the primary route changes to
 *       another pod, connections still open to the old one are closed, so no client keeps writing to — or reading
 *       from — a server that is no longer the primary. psql then says "server closed the connection unexpectedly …
 *       Attempting reset: Succeeded." and carries on against the new primary; pgJDBC applications reconnect as
 *       they do after any failover. A read-only tunnel likewise drops connections to a replica that was promoted.</li>
 *   <li>The listening socket is bound to the loopback address only; nothing else on the network can use it.</li>
 * </ul>
 * The state ({@link TunnelState}: target, connections, last error) goes to the listener on every change, on the
 * tunnel's threads; the listener must return quickly.
 */
public final class PostgresTunnel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresTunnel.class);

    public static final String HOST = "127.0.0.1";
    /** The client's bytes kept for replay until the server answers; a startup packet is far smaller. */
    private static final int REPLAY_LIMIT = 16 * 1024;
    private static final long RETRY_PAUSE_MILLIS = 100;

    /**
     * @param localPort   the local port, or 0 for any free one
     * @param connectWait how long a new connection waits for a target that accepts it before it is closed
     */
    public record Options(int localPort, Duration connectWait) {
        public static final Options DEFAULT = new Options(0, Duration.ofSeconds(20));

        public Options withLocalPort(int port) {
            return new Options(port, connectWait);
        }
    }

    private final String namespace;
    private final String cluster;
    private final TunnelRoute route;
    private final Options options;
    private final TunnelTargetSource targets;
    private final PodStreams streams;
    private final Consumer<TunnelState> listener;
    private final Clock clock;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final Object stateLock = new Object();
    /** Held while a connection picks its pod, so connections accepted together see each other's choice. */
    private final Object targetChoice = new Object();
    private volatile boolean closed;
    private String target;
    private int retargets;
    private Message lastError;
    private TunnelState published;

    private PostgresTunnel(String namespace, String cluster, TunnelRoute route, Options options,
                           TunnelTargetSource targets, PodStreams streams, Consumer<TunnelState> listener,
                           ServerSocket server) {
        this.namespace = namespace;
        this.cluster = cluster;
        this.route = route;
        this.options = options;
        this.targets = targets;
        this.streams = streams;
        this.listener = listener == null ? s -> { } : listener;
        this.clock = Clock.systemUTC();
        this.server = server;
    }

    /**
     * Opens a tunnel watching the cluster through informers and forwarding through the API server.
     *
     * @throws ProblemException {@link ProblemKind#LOCAL} when the local port is taken
     */
    public static PostgresTunnel open(KubernetesClient client, String namespace, String cluster, TunnelRoute route,
                                      Options options, Consumer<TunnelState> listener) {
        return open(namespace, cluster, route, options, new InformerTargetSource(client, namespace, cluster),
                PodStreams.portForward(client), listener);
    }

    /** Opens a tunnel over the given target source and streams (tests pass stand-ins). */
    public static PostgresTunnel open(String namespace, String cluster, TunnelRoute route, Options options,
                                      TunnelTargetSource targets, PodStreams streams, Consumer<TunnelState> listener) {
        ServerSocket server;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(HOST), options.localPort()), 50);
        } catch (BindException e) {
            targets.close();
            throw Problems.exception(ProblemKind.LOCAL, "problem.tunnel.portInUse", HOST, options.localPort(), cluster);
        } catch (IOException e) {
            targets.close();
            throw Problems.exception(ProblemKind.LOCAL, "problem.tunnel.listen", HOST, options.localPort(),
                    String.valueOf(e.getMessage()));
        }
        PostgresTunnel tunnel = new PostgresTunnel(namespace, cluster, route, options, targets, streams, listener, server);
        tunnel.start();
        return tunnel;
    }

    private void start() {
        targets.start(this::targetsChanged);
        Thread acceptor = new Thread(this::acceptLoop, "tusk-tunnel-" + cluster + "-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        targetsChanged();
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return server.getLocalPort();
    }

    public TunnelRoute route() {
        return route;
    }

    public String namespace() {
        return namespace;
    }

    public String cluster() {
        return cluster;
    }

    /** The current state (also what the listener last received). */
    public TunnelState state() {
        synchronized (stateLock) {
            return published != null ? published : snapshot();
        }
    }

    /** The pod new connections go to now. */
    public Optional<String> currentTarget() {
        synchronized (stateLock) {
            return Optional.ofNullable(target);
        }
    }

    /** Waits until the tunnel has a target (a primary is routed, or a replica is ready); false after the timeout. */
    public boolean awaitTarget(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        do {
            targetsChanged(); // the state, not only the informers, knows the target when this returns true
            if (currentTarget().isPresent()) {
                return true;
            }
            sleep(100);
        } while (System.nanoTime() < end && !closed);
        return false;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Link link : List.copyOf(links)) {
            link.finish(null);
        }
        targets.close();
        publish();
    }

    // ---- targets ----

    private Optional<String> chooseTarget() {
        if (route == TunnelRoute.PRIMARY) {
            return targets.primary();
        }
        return targets.replica(connectionsByPod());
    }

    private Map<String, Integer> connectionsByPod() {
        Map<String, Integer> counts = new HashMap<>();
        for (Link link : links) {
            String pod = link.currentPod();
            if (pod != null) {
                counts.merge(pod, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** The informers saw a change: recompute the target; drop established connections the route no longer allows. */
    private void targetsChanged() {
        if (closed) {
            return;
        }
        Optional<String> now = chooseTarget();
        synchronized (stateLock) {
            String next = now.orElse(null);
            if (!Objects.equals(next, target)) {
                if (target != null && next != null) {
                    retargets++;
                }
                LOG.info("tunnel {}:{} ({} of {}/{}) now targets {}", HOST, port(), route, namespace, cluster,
                        next == null ? "nothing (waiting)" : next);
                target = next;
            }
        }
        for (Link link : List.copyOf(links)) {
            String pod = link.establishedPod();
            if (pod == null) {
                continue;
            }
            boolean stale = route == TunnelRoute.PRIMARY
                    ? now.isPresent() && !now.get().equals(pod)
                    : !targets.isReplica(pod);
            if (stale) {
                link.finish(Message.of("tunnel.closed.rerouted", pod, now.orElse("-")));
            }
        }
        publish();
    }

    // ---- accepting ----

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("tunnel {}:{} stopped accepting: {}", HOST, port(), e.getMessage());
                    close();
                }
                return;
            }
            if (closed) {
                closeQuietly(socket);
                return;
            }
            accepted.incrementAndGet();
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException ignored) {
                // not essential
            }
            Link link = new Link(socket, System.nanoTime() + options.connectWait().toNanos());
            links.add(link);
            publish();
            Thread.ofVirtual().name("tusk-tunnel-link").start(link::run);
        }
    }

    // ---- state ----

    private TunnelState snapshot() {
        TunnelState.Status status = closed ? TunnelState.Status.CLOSED
                : target == null ? TunnelState.Status.WAITING_FOR_TARGET : TunnelState.Status.FORWARDING;
        return new TunnelState(route, HOST, server.getLocalPort(), status, closed ? null : target, links.size(),
                accepted.get(), retargets, lastError, clock.instant());
    }

    private void publish() {
        TunnelState next;
        synchronized (stateLock) {
            next = snapshot();
            if (published != null && sameExceptTime(published, next)) {
                return;
            }
            published = next;
        }
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            LOG.debug("tunnel state listener failed", e);
        }
    }

    private static boolean sameExceptTime(TunnelState a, TunnelState b) {
        return a.status() == b.status() && Objects.equals(a.targetPod(), b.targetPod())
                && a.openConnections() == b.openConnections() && a.totalConnections() == b.totalConnections()
                && a.retargets() == b.retargets() && Objects.equals(a.lastError(), b.lastError());
    }

    private void error(Message message) {
        synchronized (stateLock) {
            lastError = message;
        }
        publish();
    }

    // ---- one client connection ----

    /**
     * One accepted connection. A reader thread copies the client's bytes into the current attempt's pipe (the
     * stream's input); the stream writes the server's bytes straight to the client. Until the server says something,
     * the client's bytes are also recorded, so a failed attempt can be replayed on a new stream.
     */
    private final class Link {
        private final Socket socket;
        private final long deadline;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();
        private final OutputStream toClient;
        private volatile boolean serverSpoke;
        private volatile boolean done;
        private boolean replayable = true;
        private Attempt current;
        /** The pod this connection last chose (set under {@code targetChoice}); counted before its stream opens. */
        private volatile String chosenPod;

        Link(Socket socket, long deadline) {
            this.socket = socket;
            this.deadline = deadline;
            OutputStream out;
            try {
                out = socket.getOutputStream();
            } catch (IOException e) {
                out = OutputStream.nullOutputStream();
            }
            this.toClient = out;
        }

        String currentPod() {
            return done ? null : chosenPod;
        }

        /** The pod this connection talks to once the server has answered, else null. */
        synchronized String establishedPod() {
            return serverSpoke && current != null ? current.pod : null;
        }

        void run() {
            if (!startAttempt(null)) {
                return;
            }
            byte[] buffer = new byte[16 * 1024];
            try (InputStream fromClient = socket.getInputStream()) {
                int n;
                while ((n = fromClient.read(buffer)) >= 0) {
                    Attempt into;
                    synchronized (this) {
                        if (!serverSpoke && replayable) {
                            if (record.size() + n > REPLAY_LIMIT) {
                                replayable = false;
                            } else {
                                record.write(buffer, 0, n);
                            }
                        }
                        into = current;
                    }
                    if (into != null) {
                        into.send(buffer, n);
                    }
                }
            } catch (IOException e) {
                // the client went away, or finish() closed the socket
            }
            finish(null);
        }

        /** Starts a stream to the then-current target (waiting for one until the deadline); false when given up. */
        boolean startAttempt(Message previousError) {
            Message error = previousError;
            while (!done && !closed) {
                Optional<String> pod;
                synchronized (targetChoice) {
                    pod = chooseTarget();
                    pod.ifPresent(chosen -> chosenPod = chosen);
                }
                if (pod.isPresent()) {
                    Attempt attempt;
                    synchronized (this) {
                        if (done) {
                            return false;
                        }
                        attempt = new Attempt(this, pod.get());
                        current = attempt;
                        if (record.size() > 0) {
                            attempt.send(record.toByteArray(), record.size());
                        }
                    }
                    publish();
                    attempt.open();
                    return true;
                }
                if (System.nanoTime() >= deadline) {
                    break;
                }
                sleep(RETRY_PAUSE_MILLIS);
            }
            if (!done && !closed) {
                Message reason = error != null ? error
                        : Message.of(route == TunnelRoute.PRIMARY ? "tunnel.error.noPrimary" : "tunnel.error.noReplica",
                                cluster, options.connectWait().toSeconds());
                finish(reason);
            }
            return false;
        }

        /** The stream of {@code attempt} ended (fabric8 closed its output). */
        void attemptEnded(Attempt attempt, Message error) {
            boolean retry;
            synchronized (this) {
                if (done || attempt != current) {
                    return;
                }
                retry = !serverSpoke && replayable && !closed && System.nanoTime() < deadline;
            }
            if (!retry) {
                finish(error);
                return;
            }
            LOG.debug("tunnel {}:{}: stream to {} ended before the server answered ({}); retrying", HOST, port(),
                    attempt.pod, error == null ? "closed" : error.args());
            Thread.ofVirtual().name("tusk-tunnel-retry").start(() -> {
                sleep(RETRY_PAUSE_MILLIS);
                startAttempt(error);
            });
        }

        void serverSpoke() {
            serverSpoke = true;
        }

        void toClient(ByteBuffer data) throws IOException {
            synchronized (toClient) {
                while (data.hasRemaining()) {
                    int n = data.remaining();
                    if (data.hasArray()) {
                        toClient.write(data.array(), data.arrayOffset() + data.position(), n);
                        data.position(data.position() + n);
                    } else {
                        byte[] copy = new byte[n];
                        data.get(copy);
                        toClient.write(copy);
                    }
                }
                toClient.flush();
            }
        }

        /** Ends the connection: the client's socket and the current stream. {@code error} is kept as last error. */
        void finish(Message error) {
            Attempt attempt;
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
                attempt = current;
            }
            if (attempt != null) {
                attempt.closeIntentionally();
            }
            closeQuietly(socket);
            links.remove(this);
            if (error != null) {
                error(error);
            } else {
                publish();
            }
        }
    }

    /** One port-forward stream of a link to one pod. */
    private final class Attempt {
        private final Link link;
        private final String pod;
        private final Pipe pipe;
        private volatile PortForward forward;
        private volatile boolean intentional;

        Attempt(Link link, String pod) {
            this.link = link;
            this.pod = pod;
            try {
                this.pipe = Pipe.open();
            } catch (IOException e) {
                throw new IllegalStateException("cannot open a pipe", e);
            }
        }

        void open() {
            try {
                forward = streams.open(namespace, pod, DatabasePod.POSTGRES_PORT, pipe.source(), new ToClient());
            } catch (RuntimeException e) {
                ended(Message.of("tunnel.error.forward", pod, Redaction.redact(String.valueOf(e.getMessage()))));
            }
        }

        void send(byte[] data, int length) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(data, 0, length);
                while (buffer.hasRemaining()) {
                    pipe.sink().write(buffer);
                }
            } catch (IOException e) {
                // this stream is gone; attemptEnded decides whether to retry (with the recorded bytes)
            }
        }

        void closeIntentionally() {
            intentional = true;
            PortForward f = forward;
            if (f != null) {
                try {
                    f.close();
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
            }
            closeQuietly(pipe.sink());
            closeQuietly(pipe.source());
        }

        private void ended(Message error) {
            closeQuietly(pipe.sink());
            if (!intentional) {
                link.attemptEnded(this, error);
            }
        }

        private Message failure() {
            PortForward f = forward;
            if (f == null) {
                return null;
            }
            List<Throwable> all = new ArrayList<>(f.getServerThrowables());
            all.addAll(f.getClientThrowables());
            if (all.isEmpty()) {
                return null;
            }
            Throwable last = all.getLast();
            return Message.of("tunnel.error.forward", pod, Redaction.redact(String.valueOf(last.getMessage())));
        }

        /** What the stream writes: the server's bytes, straight to the client. Closed when the stream ends. */
        private final class ToClient implements WritableByteChannel {
            private volatile boolean open = true;

            @Override
            public int write(ByteBuffer src) throws IOException {
                int n = src.remaining();
                if (n > 0) {
                    link.serverSpoke();
                    link.toClient(src);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    ended(failure());
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
