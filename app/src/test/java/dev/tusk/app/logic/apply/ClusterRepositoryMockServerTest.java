package dev.tusk.app.logic.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One-shot cluster reads against a MOCK API server (fabric8 CRUD mock). */
class ClusterRepositoryMockServerTest {

    private final ServerSideApplyMock mock = new ServerSideApplyMock();
    private final KubernetesClient client = mock.client();

    @AfterEach
    void close() {
        mock.close();
    }

    @Test
    @DisplayName("lists the clusters of a namespace from their ConfigMaps, reading each spec; an unreadable one comes with its problems")
    void listAndFind() {
        new ClusterApplier(client, CredentialFactory.system()).apply(ClusterSpec.minimal("hippo", "db"),
                new ClusterApplier.Options(false), ApplyListener.NONE);
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("broken-config").withNamespace("db")
                .withLabels(Map.of(Labels.COMPONENT, "config", Labels.MANAGED_BY, "tusk", Labels.CLUSTER, "broken")).endMetadata()
                .withData(Map.of("spec.yaml", "apiVersion: tusk.dev/v1alpha1\nkind: TuskCluster\nspec: {colour: blue}\n")).build()).create();
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("unrelated").withNamespace("db").endMetadata().build()).create();

        ClusterRepository repository = new ClusterRepository(client);
        assertThat(repository.list("db")).extracting(ClusterRepository.StoredCluster::name).containsExactly("broken", "hippo");
        assertThat(repository.find("db", "hippo")).hasValueSatisfying(c ->
                assertThat(c.spec()).isEqualTo(ClusterSpec.minimal("hippo", "db")));
        assertThat(repository.find("db", "broken")).hasValueSatisfying(c -> {
            assertThat(c.spec()).isNull();
            assertThat(c.problems()).extracting(v -> v.field()).contains("spec.colour");
        });
        assertThat(repository.find("db", "absent")).isEmpty();
    }
}
