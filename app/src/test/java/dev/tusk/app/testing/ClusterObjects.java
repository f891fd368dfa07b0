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

    /** A {@link Connection} over a test's client (a mock server's), as ConnectionService would hand it out. */
    public static dev.tusk.app.logic.kube.Connection connection(io.fabric8.kubernetes.client.KubernetesClient client) {
        dev.tusk.app.model.KubeContext context = new dev.tusk.app.model.KubeContext("test", "test",
                client.getMasterUrl().toString(), "admin", "db", true, dev.tusk.app.model.AuthMethod.TOKEN, null);
        return new dev.tusk.app.logic.kube.Connection(client,
                new dev.tusk.app.model.ConnectionInfo(context, client.getMasterUrl().toString(), "v1.34.10", "admin"));
    }

    /** The agent API token Secret. */
    public static io.fabric8.kubernetes.api.model.Secret agentToken(String token) {
        return new io.fabric8.kubernetes.api.model.SecretBuilder().withNewMetadata().withName("hippo-agent-api")
                .withNamespace("db").withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
                .endMetadata().withStringData(Map.of("token", token)).build();
    }

    public static ConfigMap config(int replicas, boolean paused) {
        ClusterSpec spec = ClusterSpec.minimal("hippo", "db");
        spec = spec.withInstanceSets(List.of(spec.instanceSets().getFirst().withReplicas(replicas)));
        return configOf(spec, paused);
    }

    /** The cluster ConfigMap of {@code spec} as the applier writes it (labels included). */
    public static ConfigMap configOf(ClusterSpec spec, boolean paused) {
        ConfigMap cm = TuskObjects.clusterConfigWithSpec(spec.name(), spec.namespace(), ClusterSpecYaml.write(spec));
        return new ConfigMapBuilder(cm).editMetadata()
                .withAnnotations(paused ? Map.of(Labels.PAUSED_ANNOTATION, "true") : Map.of()).endMetadata().build();
    }

    public static Pod pod(String name, String role, String ip, boolean ready, int restarts, String statusAnnotation) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("db")
                .withUid(java.util.UUID.randomUUID().toString())
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE, Labels.INSTANCE_SET, "instance1",
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
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
                .withAnnotations(Map.of(TopologyAssembler.TIMELINE_ANNOTATION, timeline,
                        TopologyAssembler.SYNC_STANDBYS_ANNOTATION, syncStandbys)).endMetadata()
                .withNewSpec().withHolderIdentity(holder).endSpec().build();
    }

    public static EndpointSlice slice(String... addresses) {
        EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withName("hippo-primary").withNamespace("db")
                .withLabels(Map.of(Labels.CLUSTER, "hippo", Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE)).endMetadata()
                .withAddressType("IPv4");
        if (addresses.length > 0) {
            b.addNewEndpoint().withAddresses(addresses).withNewConditions().withReady(true).endConditions().endEndpoint();
        }
        return b.build();
    }

}
