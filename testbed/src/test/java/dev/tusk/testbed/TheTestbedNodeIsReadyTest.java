package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runbook: the cluster the tests run on has a Ready node, a default StorageClass and, on the local testbed,
 * the pinned Kubernetes release, the testbed's addresses and the locally built images. */
@OnTestbed
class TheTestbedNodeIsReadyTest {

    @Test
    void everyNodeIsReady(KubernetesClient client) {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes).isNotEmpty().allSatisfy(node -> assertThat(node.getStatus().getConditions())
                .anySatisfy(c -> {
                    assertThat(c.getType()).isEqualTo("Ready");
                    assertThat(c.getStatus()).isEqualTo("True");
                }));
    }

    @Test
    void aDefaultStorageClassExists(KubernetesClient client) {
        List<StorageClass> defaults = client.storage().v1().storageClasses().list().getItems().stream()
                .filter(sc -> "true".equals(sc.getMetadata().getAnnotations()
                        .get("storageclass.kubernetes.io/is-default-class")))
                .toList();
        assertThat(defaults).hasSize(1);
    }

    @Test
    void theLocalTestbedRunsThePinnedReleaseOnItsOwnAddressesWithTheLocallyBuiltImages(Testbed testbed) {
        org.junit.jupiter.api.Assumptions.assumeTrue(testbed.isLocalTestbed(), "only on the local testbed");
        Node node = testbed.client().nodes().withName("testbed").get();
        assertThat(testbed.serverVersion()).isEqualTo("v1.34.10");
        assertThat(node.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.34.10");
        assertThat(node.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://1.");
        assertThat(node.getStatus().getAddresses()).extracting(NodeAddress::getType, NodeAddress::getAddress)
                .contains(org.assertj.core.groups.Tuple.tuple("InternalIP", "198.18.0.1"));
        assertThat(testbed.client().services().inNamespace("default").withName("kubernetes").get()
                .getSpec().getClusterIP()).isEqualTo("198.19.0.1");
        // an image replaced under its tag stays listed, nameless, while containers use it
        assertThat(node.getStatus().getImages()).flatExtracting(i -> i.getNames() == null ? List.of() : i.getNames())
                .contains("registry.k8s.io/pause:3.10", Testbed.AGENT_IMAGE);
    }
}
