package dev.tusk.app.logic.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.testing.ClusterObjects;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TunnelTargetsTest {

    private final Pod a = ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0, null);
    private final Pod b = ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 0, null);
    private final Pod c = ClusterObjects.pod("hippo-instance1-2-0", "replica", "198.18.0.12", true, 0, null);

    @Test
    void thePrimaryIsThePodWhoseAddressTheEndpointSliceLists() {
        assertThat(TunnelTargets.primary(ClusterObjects.slice("198.18.0.11"), List.of(a, b, c))).contains("hippo-instance1-1-0");
        assertThat(TunnelTargets.primary(ClusterObjects.slice(), List.of(a, b))).isEmpty();
        assertThat(TunnelTargets.primary(null, List.of(a))).isEmpty();
    }

    @Test
    void anEndpointMarkedNotReadyOrAPodBeingDeletedIsNoTarget() {
        var notReady = new EndpointSliceBuilder().withNewMetadata().withName("hippo-primary").endMetadata()
                .addNewEndpoint().withAddresses("198.18.0.10").withNewConditions().withReady(false).endConditions().endEndpoint()
                .build();
        assertThat(TunnelTargets.primary(notReady, List.of(a))).isEmpty();
        Pod deleting = new PodBuilder(a).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build();
        assertThat(TunnelTargets.primary(ClusterObjects.slice("198.18.0.10"), List.of(deleting))).isEmpty();
    }

    @Test
    void aReplicaIsAReadyPodLabelledReplicaTheLeastUsedFirst() {
        assertThat(TunnelTargets.replica(List.of(a, b, c), Map.of())).contains("hippo-instance1-1-0");
        assertThat(TunnelTargets.replica(List.of(a, b, c), Map.of("hippo-instance1-1-0", 2))).contains("hippo-instance1-2-0");
        Pod notReady = ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", false, 0, null);
        assertThat(TunnelTargets.replica(List.of(a, notReady), Map.of())).isEmpty();
        assertThat(TunnelTargets.isReplica(List.of(a, b), "hippo-instance1-0-0")).isFalse();
        assertThat(TunnelTargets.isReplica(List.of(a, b), "hippo-instance1-1-0")).isTrue();
    }
}
