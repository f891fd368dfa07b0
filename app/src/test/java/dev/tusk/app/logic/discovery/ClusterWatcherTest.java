package dev.tusk.app.logic.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.logic.kube.ErrorTarget;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.WatchState;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live cluster list over the fabric8 mock server in CRUD mode (a mock API server with real watch semantics). */
@EnableKubernetesMockClient(crud = true)
class ClusterWatcherTest {

    static final String NS = "team-a";

    KubernetesClient client;

    private final List<ClustersSnapshot> received = new CopyOnWriteArrayList<>();
    private ClusterWatcher watcher;

    @BeforeEach
    void startWatching() throws Exception {
        watcher = new ClusterWatcher(client, NS, new TuskSpecReader(), KubeErrors.forTarget(ErrorTarget.UNKNOWN),
                received::add);
        watcher.start().get(10, TimeUnit.SECONDS);
        await().until(() -> latest().state() == WatchState.LIVE);
    }

    @AfterEach
    void stopWatching() {
        watcher.close();
    }

    private ClustersSnapshot latest() {
        return received.getLast();
    }

    private ClusterSummary cluster(String name) {
        return latest().cluster(name).orElse(null);
    }

    @Test
    void aClusterCreatedAfterTheListStartedAppearsWithoutARefresh() {
        assertThat(latest().clusters()).isEmpty();
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 2)).create();
        client.pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 0, Labels.ROLE_PRIMARY)).create();

        await().atMost(Duration.ofSeconds(10)).until(() -> cluster("hippo") != null
                && cluster("hippo").instances().getFirst().phase() == PodPhase.RUNNING);
        ClusterSummary hippo = cluster("hippo");
        assertThat(hippo.instances()).extracting(InstanceSummary::podName)
                .containsExactly("hippo-instance1-0-0", "hippo-instance1-1-0");
        assertThat(hippo.instances().get(1).phase()).isEqualTo(PodPhase.MISSING);
        assertThat(hippo.primary()).map(InstanceSummary::podName).contains("hippo-instance1-0-0");
        assertThat(hippo.readyCount()).isEqualTo(1);
        assertThat(hippo.totalCount()).isEqualTo(2);
    }

    @Test
    void aRoleLabelChangeShowsUpAsANewSnapshot() {
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 2)).create();
        client.pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 0, Labels.ROLE_PRIMARY)).create();
        client.pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 1, Labels.ROLE_REPLICA)).create();
        await().until(() -> cluster("hippo") != null && cluster("hippo").readyCount() == 2);

        client.pods().inNamespace(NS).withName("hippo-instance1-0-0")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_REPLICA).endMetadata().build());
        client.pods().inNamespace(NS).withName("hippo-instance1-1-0")
                .edit(p -> new PodBuilder(p).editMetadata().addToLabels(Labels.ROLE, Labels.ROLE_PRIMARY).endMetadata().build());

        await().until(() -> cluster("hippo").primary().map(InstanceSummary::podName).orElse("")
                .equals("hippo-instance1-1-0") && !cluster("hippo").severalPrimaries());
        assertThat(cluster("hippo").instances()).extracting(InstanceSummary::role)
                .containsExactly(Role.REPLICA, Role.PRIMARY);
    }

    @Test
    void aDeletedClusterDisappearsWithoutARefresh() {
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 1)).create();
        client.pods().inNamespace(NS).resource(TuskObjects.instancePod("hippo", NS, 0, Labels.ROLE_PRIMARY)).create();
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("zebra", NS, 1)).create();
        await().until(() -> latest().clusters().size() == 2);

        client.pods().inNamespace(NS).withName("hippo-instance1-0-0").delete();
        client.configMaps().inNamespace(NS).withName("hippo-config").delete();

        await().until(() -> latest().clusters().stream().map(ClusterSummary::name).toList().equals(List.of("zebra")));
    }

    @Test
    void objectsInOtherNamespacesOrWithoutTuskLabelsAreIgnored() {
        client.configMaps().inNamespace("team-b").resource(TuskObjects.clusterConfig("other", "team-b", 1)).create();
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("unrelated").withNamespace(NS).endMetadata().build()).create();
        Pod backup = new PodBuilder(TuskObjects.instancePod("hippo", NS, 0, null)).editMetadata().withName("hippo-backup-x")
                .addToLabels(Labels.COMPONENT, Labels.COMPONENT_BACKUP).removeFromLabels(Labels.INSTANCE_SET).endMetadata().build();
        client.pods().inNamespace(NS).resource(backup).create();
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("hippo", NS, 1)).create();

        await().until(() -> cluster("hippo") != null);
        assertThat(latest().clusters()).extracting(ClusterSummary::name).containsExactly("hippo");
        assertThat(cluster("hippo").instances()).extracting(InstanceSummary::phase).containsExactly(PodPhase.MISSING);
    }

    @Test
    void afterCloseNoFurtherSnapshotsArrive() {
        watcher.close();
        int before = received.size();
        client.configMaps().inNamespace(NS).resource(TuskObjects.clusterConfig("late", NS, 1)).create();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == before);
        assertThat(watcher.current().state()).isEqualTo(WatchState.STOPPED);
    }
}
