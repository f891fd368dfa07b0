package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.topology.ClusterEventsWatcher;
import dev.tusk.app.logic.topology.LogStreamer;
import dev.tusk.app.logic.topology.TopologyWatcher;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.WatchState;
import dev.tusk.app.testing.PlainPostgresPods;
import dev.tusk.app.testing.TestbedConnections;
import dev.tusk.runtime.model.Labels;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.testbed.Testbed;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the cluster view is fed from, on a real Kubernetes (plain PostgreSQL pods; the agents' labels and route
 * written by the test): the live topology follows label and route changes within about a second, a pod's log streams
 * line by line, and the cluster's Events arrive. No agent answers here, so the topology says the agent API is
 * unreachable and still shows everything Kubernetes knows.
 */
@OnTestbed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterViewSourcesOnTheTestbedTest {

    private TestNamespace ns;
    private Connection connection;
    private Pod a;
    private Pod b;

    @BeforeAll
    void twoPods(TestNamespace namespace, Testbed testbed) {
        ns = namespace;
        connection = TestbedConnections.connect(testbed);
        a = PlainPostgresPods.start(ns, "hippo-a", "primary");
        b = PlainPostgresPods.start(ns, "hippo-b", "replica");
        PlainPostgresPods.route(ns, a);
    }

    @AfterAll
    void close() {
        connection.close();
    }

    @Test
    void theLiveTopologyFollowsTheRouteAndTheRoleLabelsWithinAboutASecond() throws Exception {
        List<ClusterTopology> seen = new CopyOnWriteArrayList<>();
        try (TopologyWatcher watcher = new TopologyWatcher(connection, ns.name(), PlainPostgresPods.CLUSTER, seen::add)) {
            watcher.start().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.current().watch() == WatchState.LIVE
                    && "hippo-a".equals(watcher.current().routedPod()));
            assertThat(watcher.current().members()).extracting(m -> m.pod() + "=" + m.role())
                    .containsExactly("hippo-a=PRIMARY", "hippo-b=REPLICA");

            long changed = System.nanoTime();
            PlainPostgresPods.route(ns, b);
            PlainPostgresPods.label(ns, "hippo-b", Labels.ROLE_PRIMARY);
            PlainPostgresPods.label(ns, "hippo-a", Labels.ROLE_REPLICA);
            AtomicLong followedAt = new AtomicLong();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
                ClusterTopology t = watcher.current();
                boolean followed = "hippo-b".equals(t.routedPod())
                        && t.member("hippo-b").map(m -> m.role() == Role.PRIMARY).orElse(false)
                        && t.member("hippo-a").map(m -> m.role() == Role.REPLICA).orElse(false);
                if (followed) {
                    followedAt.set(System.nanoTime());
                }
                return followed;
            });
            System.out.printf("the live topology showed the new route and roles %.2f s after the writes%n",
                    (followedAt.get() - changed) / 1e9);
            assertThat(watcher.current().member("hippo-b").orElseThrow().routed()).isTrue();
        }
        assertThat(seen.getLast().watch()).isEqualTo(WatchState.LIVE);
    }

    @Test
    void anInstancesLogStreamsLineByLineUntilClosed() {
        List<String> lines = new CopyOnWriteArrayList<>();
        LogStreamer.LogStream stream = new LogStreamer(connection).follow(ns.name(), "hippo-a", null, 100, lines::add, null);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream()
                    .anyMatch(l -> l.contains("database system is ready to accept connections")));
            int before = lines.size();
            ns.exec("hippo-a", Duration.ofSeconds(20), "psql", "-h", "127.0.0.1", "-U", "postgres", "-c",
                    "DO $$ BEGIN RAISE LOG 'tusk-log-stream-check'; END $$;").requireSuccess();
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().skip(before)
                    .anyMatch(l -> l.contains("tusk-log-stream-check")));
            assertThat(stream.isOpen()).isTrue();
        } finally {
            stream.close();
        }
    }

    @Test
    void theClustersEventsArriveNewestFirstAndOtherObjectsEventsDoNot() throws Exception {
        List<List<ClusterEvent>> updates = new CopyOnWriteArrayList<>();
        try (ClusterEventsWatcher events = new ClusterEventsWatcher(ns.client(), ns.name(), PlainPostgresPods.CLUSTER,
                updates::add).start()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> events.current().stream()
                    .anyMatch(e -> e.object().equals("Pod/hippo-a") && "Started".equals(e.reason())));
            List<ClusterEvent> now = events.current();
            assertThat(now).allSatisfy(e -> assertThat(e.object()).matches(".*/(hippo-.*|pgdata-hippo-.*)"));
            assertThat(now).extracting(ClusterEvent::time).isSortedAccordingTo(
                    java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()));
        }
        assertThat(ClusterEventsWatcher.belongsTo("hippo", "hippo-instance1-0-0")).isTrue();
        assertThat(ClusterEventsWatcher.belongsTo("hippo", "pgdata-hippo-instance1-0-0")).isTrue();
        assertThat(ClusterEventsWatcher.belongsTo("hippo", "rhino-instance1-0-0")).isFalse();
    }
}
