package dev.tusk.app.logic.portforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tunnel's contract, over real local sockets with stand-ins for the pods, the port-forward and the informers
 * ({@link LocalPods}, {@link SettableTargets}; no Kubernetes here — the testbed test does that).
 */
class PostgresTunnelTest {

    private final LocalPods pods = new LocalPods();
    private final SettableTargets targets = new SettableTargets();
    private final List<TunnelState> states = new CopyOnWriteArrayList<>();
    private PostgresTunnel tunnel;

    @AfterEach
    void close() throws IOException {
        if (tunnel != null) {
            tunnel.close();
        }
        pods.close();
    }

    private PostgresTunnel open(TunnelRoute route, Duration wait) {
        tunnel = PostgresTunnel.open("ns", "hippo", route, new PostgresTunnel.Options(0, wait), targets, pods.streams(),
                states::add);
        return tunnel;
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), tunnel.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String exchange(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return read(s);
    }

    private static String read(Socket s) throws IOException {
        byte[] buffer = new byte[4096];
        int n = s.getInputStream().read(buffer);
        return n < 0 ? "<eof>" : new String(buffer, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean closedByPeer(Socket s) {
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aConnectionReachesThePodThePrimaryRouteNamesAndTheAnswerComesBack() throws IOException {
        pods.start("hippo-instance1-0-0");
        targets.primary("hippo-instance1-0-0");
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(5));
        try (Socket s = connect()) {
            assertThat(exchange(s, "startup")).isEqualTo("hippo-instance1-0-0:startup");
            assertThat(exchange(s, "query")).isEqualTo("hippo-instance1-0-0:query");
        }
        assertThat(tunnel.host()).isEqualTo("127.0.0.1");
        await().atMost(Duration.ofSeconds(5)).until(() -> tunnel.state().openConnections() == 0);
        assertThat(tunnel.state().totalConnections()).isEqualTo(1);
        assertThat(tunnel.state().status()).isEqualTo(TunnelState.Status.FORWARDING);
    }

    @Test
    void aNewConnectionWaitsForAPrimaryInsteadOfFailing() throws Exception {
        pods.start("hippo-instance1-1-0");
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(10));
        assertThat(tunnel.state().status()).isEqualTo(TunnelState.Status.WAITING_FOR_TARGET);
        try (Socket s = connect()) {
            s.getOutputStream().write("startup".getBytes(StandardCharsets.UTF_8));
            Thread.sleep(400);
            targets.primary("hippo-instance1-1-0");
            assertThat(read(s)).isEqualTo("hippo-instance1-1-0:startup");
        }
    }

    @Test
    void aStreamRefusedBeforeTheServerAnsweredIsRetriedAndTheClientsFirstBytesAreReplayed() throws Exception {
        // The route names a pod whose Postgres is down (crash restart): the kubelet refuses; the tunnel retries.
        targets.primary("hippo-instance1-0-0");
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(10));
        try (Socket s = connect()) {
            s.getOutputStream().write("startup".getBytes(StandardCharsets.UTF_8));
            await().atMost(Duration.ofSeconds(5)).until(() -> pods.opened.size() >= 2); // refused, then retried
            pods.start("hippo-instance1-0-0"); // Postgres is back
            assertThat(read(s)).isEqualTo("hippo-instance1-0-0:startup");
        }
        assertThat(pods.opened.size()).as("refused attempts before the pod listened").isGreaterThan(1);
    }

    @Test
    void whenThePrimaryRouteMovesOpenConnectionsToTheOldPrimaryAreClosedAndNewOnesGoToTheNewOne() throws IOException {
        pods.start("a");
        pods.start("b");
        targets.primary("a");
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(5));
        try (Socket old = connect()) {
            assertThat(exchange(old, "x")).isEqualTo("a:x");
            targets.primary("b");
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(old));
        }
        try (Socket fresh = connect()) {
            assertThat(exchange(fresh, "y")).isEqualTo("b:y");
        }
        assertThat(tunnel.state().retargets()).isEqualTo(1);
        assertThat(tunnel.state().targetPod()).isEqualTo("b");
        assertThat(tunnel.state().lastError().key()).isEqualTo("tunnel.closed.rerouted");
        assertThat(states).extracting(TunnelState::targetPod).contains("a", "b");
    }

    @Test
    void aReadOnlyTunnelDropsConnectionsToAReplicaThatWasPromotedAndSpreadsOverReplicas() throws IOException {
        pods.start("r1");
        pods.start("r2");
        targets.replicas("r1", "r2");
        open(TunnelRoute.REPLICA, Duration.ofSeconds(5));
        try (Socket first = connect(); Socket second = connect()) {
            String a = exchange(first, "q");
            String b = exchange(second, "q");
            assertThat(List.of(a, b)).containsExactlyInAnyOrder("r1:q", "r2:q");
            Socket onR1 = a.startsWith("r1") ? first : second;
            Socket onR2 = onR1 == first ? second : first;
            targets.replicas("r2"); // r1 was promoted
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(onR1));
            assertThat(exchange(onR2, "still")).isEqualTo("r2:still");
        }
    }

    @Test
    void connectionsAcceptedTogetherSeeEachOthersReplicaAndSplitEvenly() throws IOException {
        pods.start("r1");
        pods.start("r2");
        targets.replicas("r1", "r2");
        targets.replicaLookupMillis = 30; // each choice is slow, so the eight overlap
        open(TunnelRoute.REPLICA, Duration.ofSeconds(5));
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                sockets.add(connect()); // all accepted before any of them has sent a byte
            }
            List<String> answers = new ArrayList<>();
            for (Socket s : sockets) {
                answers.add(exchange(s, "q"));
            }
            assertThat(answers).filteredOn("r1:q"::equals).hasSize(4);
            assertThat(answers).filteredOn("r2:q"::equals).hasSize(4);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void withoutATargetForTheWholeWaitTheConnectionIsClosedAndTheStateSaysWhy() throws IOException {
        open(TunnelRoute.PRIMARY, Duration.ofMillis(600));
        try (Socket s = connect()) {
            s.getOutputStream().write("startup".getBytes(StandardCharsets.UTF_8));
            assertThat(read(s)).isEqualTo("<eof>");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tunnel.state().lastError() != null);
        assertThat(tunnel.state().lastError().key()).isEqualTo("tunnel.error.noPrimary");
        assertThat(tunnel.state().lastError().args()).containsExactly("hippo", 0L);
    }

    @Test
    void aTakenLocalPortIsExplainedAndTheTunnelListensOnLoopbackOnly() {
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(1));
        SettableTargets other = new SettableTargets();
        assertThatThrownBy(() -> PostgresTunnel.open("ns", "hippo", TunnelRoute.PRIMARY,
                new PostgresTunnel.Options(tunnel.port(), Duration.ofSeconds(1)), other, pods.streams(), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.LOCAL);
                    assertThat(e.problem().detail().key()).isEqualTo("problem.tunnel.portInUse.detail");
                });
        assertThat(other.closed).isTrue();
        assertThat(tunnel.state().host()).isEqualTo("127.0.0.1");
    }

    @Test
    void closingTheTunnelEndsItsConnectionsFreesThePortAndStopsWatching() throws IOException {
        pods.start("a");
        targets.primary("a");
        open(TunnelRoute.PRIMARY, Duration.ofSeconds(5));
        int port = tunnel.port();
        Socket s = connect();
        assertThat(exchange(s, "x")).isEqualTo("a:x");
        tunnel.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> closedByPeer(s));
        s.close();
        assertThat(targets.closed).isTrue();
        assertThat(tunnel.state().status()).isEqualTo(TunnelState.Status.CLOSED);
        try (var again = new java.net.ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
