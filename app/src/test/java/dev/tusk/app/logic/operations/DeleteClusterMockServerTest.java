package dev.tusk.app.logic.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.testing.ClusterObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting a cluster over a MOCK API server (fabric8 CRUD mock). */
@EnableKubernetesMockClient(crud = true)
class DeleteClusterMockServerTest {

    KubernetesClient client;

    @BeforeEach
    void aClusterWithOneDataVolume() {
        client.configMaps().inNamespace("db").resource(ClusterObjects.config(1, false)).create();
        client.secrets().inNamespace("db").resource(ClusterObjects.agentToken("t")).create();
        client.persistentVolumeClaims().inNamespace("db").resource(new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("pgdata-hippo-instance1-0-0").withLabels(Map.of(Labels.CLUSTER, "hippo",
                        Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)).endMetadata().build()).create();
    }

    @Test
    void theDataVolumesAreKeptUnlessAskedAndTheResultSaysWhich() {
        List<OperationEvent> events = new ArrayList<>();
        DeleteResult result = new DeleteCluster(ClusterObjects.connection(client)).delete("db", "hippo", false,
                events::add, Cancellation.none());
        assertThat(result.keptVolumes()).containsExactly("pgdata-hippo-instance1-0-0");
        assertThat(result.deletedVolumes()).isEmpty();
        assertThat(result.podsGone()).isTrue();
        assertThat(client.configMaps().inNamespace("db").withName("hippo-config").get()).isNull();
        assertThat(client.secrets().inNamespace("db").withName("hippo-agent-api").get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace("db").withName("pgdata-hippo-instance1-0-0").get()).isNotNull();
        assertThat(events.getLast().text().key()).isEqualTo("op.delete.doneKept");
    }

    @Test
    void askedToDeleteVolumesItDoesAndAMissingClusterIsExplained() {
        DeleteResult result = new DeleteCluster(ClusterObjects.connection(client)).delete("db", "hippo", true,
                e -> { }, Cancellation.none());
        assertThat(result.deletedVolumes()).containsExactly("pgdata-hippo-instance1-0-0");
        assertThat(client.persistentVolumeClaims().inNamespace("db").list().getItems()).isEmpty();
        assertThatThrownBy(() -> new DeleteCluster(ClusterObjects.connection(client)).delete("db", "hippo", true,
                e -> { }, Cancellation.none())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().kind()).isEqualTo(ProblemKind.NOT_FOUND));
    }
}
