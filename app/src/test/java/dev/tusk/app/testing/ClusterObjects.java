package dev.tusk.app.testing;

import dev.tusk.app.logic.topology.TopologyAssembler;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;

/** Objects of a cluster hippo in namespace db, as the agents and Kubernetes would leave them, for tests. */
public final class ClusterObjects {

    private ClusterObjects() {
    }

    public static ConfigMap config(int replicas, boolean paused) {
        ClusterSpec spec = ClusterSpec.minimal("hippo", "db");
        spec = spec.withInstanceSets(List.of(spec.instanceSets().getFirst().withReplicas(replicas)));
        return new ConfigMapBuilder().withNewMetadata().withName("hippo-config").withNamespace("db")
                .withAnnotations(paused ? Map.of(Labels.PAUSED_ANNOTATION, "true") : Map.of()).endMetadata()
                .withData(Map.of(ClusterSpecYaml.CONFIG_MAP_KEY, ClusterSpecYaml.write(spec))).build();
    }

    public static Pod pod(String name, String role, String ip, boolean ready, int restarts, String statusAnnotation) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("db")
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.INSTANCE_SET, "instance1",
                        Labels.INSTANCE_NAME, name.substring(0, name.length() - 2), Labels.ROLE, role,
                        Labels.COMPONENT, Labels.COMPONENT_DATABASE))
                .withAnnotations(statusAnnotation == null ? Map.of() : Map.of(Labels.MEMBER_STATUS_ANNOTATION, statusAnnotation))
                .endMetadata()
                .withNewSpec().withNodeName("testbed").endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).withStartTime("2026-01-01T00:00:00Z")
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("database").withRestartCount(restarts).endContainerStatus()
                .endStatus().build();
    }

    public static Lease lease(String holder, String timeline, String syncStandbys) {
        return new LeaseBuilder().withNewMetadata().withName("hippo-leader").withNamespace("db")
                .withAnnotations(Map.of(TopologyAssembler.TIMELINE_ANNOTATION, timeline,
                        TopologyAssembler.SYNC_STANDBYS_ANNOTATION, syncStandbys)).endMetadata()
                .withNewSpec().withHolderIdentity(holder).endSpec().build();
    }

    public static EndpointSlice slice(String... addresses) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName("hippo-primary").endMetadata()
                .withAddressType("IPv4");
        if (addresses.length > 0) {
            b.addNewEndpoint().withAddresses(addresses).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        return b.build();
    }

}
