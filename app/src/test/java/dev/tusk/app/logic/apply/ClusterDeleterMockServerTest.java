package dev.tusk.app.logic.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.apply.ApplyStep.Outcome;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The deleter against a MOCK API server (fabric8 CRUD mock). The testbed test proves the same on a real one. */
class ClusterDeleterMockServerTest {

    private final ServerSideApplyMock mock = new ServerSideApplyMock();
    private final KubernetesClient client = mock.client();

    @BeforeEach
    void twoClusters() {
        ClusterApplier applier = new ClusterApplier(client, CredentialFactory.system());
        applier.apply(ClusterSpec.minimal("hippo", "db"), new ClusterApplier.Options(false), ApplyListener.NONE);
        applier.apply(ClusterSpec.minimal("rhino", "db"), new ClusterApplier.Options(false), ApplyListener.NONE);
        for (String cluster : List.of("hippo", "rhino")) {
            client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withName("pgdata-" + cluster + "-instance1-0-0")
                    .withNamespace("db").withLabels(Map.of(Labels.CLUSTER, cluster, Labels.MANAGED_BY, "tusk")).endMetadata()
                    .withNewSpec().withNewResources().withRequests(Map.of("storage", new Quantity("1Gi"))).endResources().endSpec()
                    .build()).create();
        }
    }

    @AfterEach
    void close() {
        mock.close();
    }

    @Test
    @DisplayName("deleting a cluster removes every object it owns, keeps its data volume, the ConfigMap goes last")
    void deleteKeepsVolumes() {
        List<ApplyStep> steps = new ClusterDeleter(client).delete("db", "hippo", false, ApplyListener.NONE);
        assertThat(steps.getFirst().object()).isEqualTo("StatefulSet/hippo-instance1-0");
        assertThat(steps.getLast()).isEqualTo(ApplyStep.of("ConfigMap/hippo-config", Outcome.DELETED));
        assertThat(steps).filteredOn(s -> s.outcome() == Outcome.KEPT).extracting(ApplyStep::object)
                .containsExactly("PersistentVolumeClaim/pgdata-hippo-instance1-0-0");
        assertThat(steps).filteredOn(s -> s.outcome() == Outcome.DELETED).hasSize(14);
        assertThat(client.secrets().inNamespace("db").withLabel(Labels.CLUSTER, "hippo").list().getItems()).isEmpty();
        assertThat(client.leases().inNamespace("db").withName("hippo-leader").get()).isNull();
        assertThat(client.persistentVolumeClaims().inNamespace("db").withName("pgdata-hippo-instance1-0-0").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("db").withName("rhino-config").get()).as("another cluster is untouched").isNotNull();
        assertThat(client.apps().statefulSets().inNamespace("db").withName("rhino-instance1-0").get()).isNotNull();
    }

    @Test
    @DisplayName("asked to, the delete also removes the cluster's data volumes (and only its own)")
    void deleteVolumesWhenAsked() {
        List<ApplyStep> steps = new ClusterDeleter(client).delete("db", "hippo", true, ApplyListener.NONE);
        assertThat(steps).contains(ApplyStep.of("PersistentVolumeClaim/pgdata-hippo-instance1-0-0", Outcome.DELETED));
        assertThat(client.persistentVolumeClaims().inNamespace("db").list().getItems()).extracting(c -> c.getMetadata().getName())
                .containsExactly("pgdata-rhino-instance1-0-0");
    }
}
