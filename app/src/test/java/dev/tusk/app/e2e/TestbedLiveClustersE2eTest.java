package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.cli.TuskCli;
import dev.tusk.app.logic.discovery.ClusterWatcher;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.WatchState;
import dev.tusk.app.testing.TestbedKubeconfig;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The live cluster list on the real testbed: a cluster ConfigMap and instance pods (running the pause image, since
 * this test is about discovery, not Postgres) appear, change role and disappear while the informers watch.
 */
@OnTestbed
class TestbedLiveClustersE2eTest {

    private Connection admin;
    private String namespace;
    private ClusterWatcher watcher;
    private final List<ClustersSnapshot> snapshots = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchAFreshNamespace(TestNamespace testNamespace) throws Exception {
        KubeconfigService kubeconfigs = TestbedKubeconfig.service();
        admin = new ConnectionService(kubeconfigs).connect(kubeconfigs.loadDefault(), TestbedKubeconfig.context());
        namespace = testNamespace.name();
        watcher = new ClusterWatcher(admin.client(), namespace, new TuskSpecReader(), admin.errors(), snapshots::add);
        watcher.start().get(30, TimeUnit.SECONDS);
        await().until(() -> snapshots.getLast().state() == WatchState.LIVE);
    }

    @AfterEach
    void cleanUp() {
        watcher.close();
        admin.close();
    }

    private ClusterSummary hippo() {
        return snapshots.getLast().cluster("hippo").orElse(null);
    }

    private Pod pausePod(int ordinal, String role) {
        return new PodBuilder(TuskObjects.instancePod("hippo", namespace, ordinal, role))
                .withStatus(null)
                .editSpec().withNodeName(null).withTerminationGracePeriodSeconds(0L).editFirstContainer()
                .withImage("registry.k8s.io/pause:3.10").withImagePullPolicy("Never").endContainer().endSpec()
                .build();
    }

    @Test
    void aClusterAppearsRunsSwitchesRolesAndDisappearsWhileTheListWatches() {
        // 1. The app writes the cluster's ConfigMap; the agents' pods start.
        admin.client().configMaps().inNamespace(namespace).resource(TuskObjects.clusterConfig("hippo", namespace, 2)).create();
        admin.client().pods().inNamespace(namespace).resource(pausePod(0, Labels.ROLE_PRIMARY)).create();
        admin.client().pods().inNamespace(namespace).resource(pausePod(1, Labels.ROLE_REPLICA)).create();

        // 2. Both instances show as running and ready, with their roles, without any refresh.
        await().atMost(Duration.ofSeconds(90)).until(() -> hippo() != null && hippo().readyCount() == 2);
        assertThat(hippo().instances()).extracting(InstanceSummary::phase).containsOnly(PodPhase.RUNNING);
        assertThat(hippo().primary()).map(InstanceSummary::podName).contains("hippo-instance1-0-0");
        assertThat(hippo().instances().getFirst().node()).isNotBlank();
        assertThat(hippo().instances().getFirst().podIp()).startsWith("198.18.");

        // 3. The CLI sees the same cluster.
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TuskCli());
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("list", "-n", namespace, "--kubeconfig", TestbedKubeconfig.path().toString())).isZero();
        assertThat(out.toString()).contains("hippo   2/2     hippo-instance1-0-0   2 Running");

        // 4. A switchover as the agents record it: the role labels swap.
        admin.client().pods().inNamespace(namespace).withName("hippo-instance1-0-0").edit(p -> new PodBuilder(p)
                .editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_REPLICA).endMetadata().build());
        admin.client().pods().inNamespace(namespace).withName("hippo-instance1-1-0").edit(p -> new PodBuilder(p)
                .editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_PRIMARY).endMetadata().build());
        await().atMost(Duration.ofSeconds(30)).until(() -> hippo().instances().stream().map(InstanceSummary::role)
                .toList().equals(List.of(Role.REPLICA, Role.PRIMARY)));

        // 5. The cluster is deleted: it leaves the list.
        admin.client().pods().inNamespace(namespace).withLabel(Labels.CLUSTER, "hippo").withGracePeriod(0).delete();
        admin.client().configMaps().inNamespace(namespace).withName("hippo-config").delete();
        await().atMost(Duration.ofSeconds(60)).until(() -> snapshots.getLast().clusters().isEmpty());
    }
}
