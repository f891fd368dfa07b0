package dev.tusk.app.testing;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A 3-instance cluster {@code hippo} in the fabric8 mock API server (a mock: no pods run), written as Tusk and its
 * agents would: the ConfigMap with the spec, the instance pods with role labels and the agents' status annotations,
 * the leader Lease (holder, timeline, sync standbys), the primary EndpointSlice and a few Events. Used by UI tests
 * and screenshots for deterministic cases; the real cluster is tested on the testbed.
 */
public final class MockCluster {

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final ClusterNames names;

    public MockCluster(KubernetesClient client, String namespace, String name) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.names = new ClusterNames(name);
    }

    public static void storageClasses(KubernetesClient client) {
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("standard")
                .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true").endMetadata()
                .withProvisioner("tusk.dev/host-path").build()).create();
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName("fast-ssd")
                .endMetadata().withProvisioner("csi.example.com").withAllowVolumeExpansion(true).build()).create();
    }

    public String pod(int ordinal) {
        return names.pod("instance1", ordinal);
    }

    /** Creates the cluster with {@code primary} holding the lease, the others streaming ({@code lags} in bytes). */
    public MockCluster create(int primary, long... lags) {
        ClusterSpec spec = new ClusterSpec(name, namespace, new ClusterSpec.PostgresSpec(17, null, null),
                List.of(new ClusterSpec.InstanceSetSpec("instance1", 3, new ClusterSpec.StorageSpec(null, "10Gi"), null, null)),
                new ClusterSpec.ReplicationSpec(ClusterSpec.ReplicationMode.PREFERRED_SYNC, null), null, null, null, null,
                List.of(new ClusterSpec.UserSpec(name, List.of(name), List.of())));
        client.configMaps().inNamespace(namespace).resource(TuskObjects.clusterConfigWithSpec(name, namespace,
                ClusterSpecYaml.write(spec.withDefaults()))).create();
        for (int i = 0; i < 3; i++) {
            Pod pod = TuskObjects.instancePod(name, namespace, i, i == primary ? Labels.ROLE_PRIMARY : Labels.ROLE_REPLICA);
            client.pods().inNamespace(namespace).resource(new PodBuilder(pod).editMetadata()
                    .addToAnnotations(Labels.MEMBER_STATUS_ANNOTATION, status(i, primary, lags)).endMetadata()
                    .editStatus().withStartTime("2026-11-27T08:00:00Z").endStatus().build()).create();
        }
        client.leases().inNamespace(namespace).resource(new LeaseBuilder().withNewMetadata().withName(names.lease())
                .addToAnnotations("tusk.dev/timeline", "2")
                .addToAnnotations("tusk.dev/sync-standbys", "[\"" + pod(primary == 1 ? 0 : 1) + "\"]")
                .endMetadata().withNewSpec().withHolderIdentity(pod(primary)).withLeaseDurationSeconds(5).endSpec().build())
                .create();
        client.discovery().v1().endpointSlices().inNamespace(namespace).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(names.primaryEndpointSlice())
                .addToLabels("kubernetes.io/service-name", names.primaryService()).endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("198.18.0." + (10 + primary)).endEndpoint().build())
                .create();
        event("Pod", pod(0), "Normal", "Scheduled", "Successfully assigned " + namespace + "/" + pod(0) + " to node-1", "default-scheduler");
        event("Lease", names.lease(), "Normal", "LeaderElected", pod(primary) + " took the leader lease on timeline 2", "tusk-agent");
        event("Pod", pod(2), "Warning", "Unhealthy", "Readiness probe failed: replica is 1.5 MiB behind the primary", "kubelet");
        return this;
    }

    private String status(int i, int primary, long... lags) {
        if (i == primary) {
            return "{\"timeline\":2,\"lagBytes\":0,\"reason\":\"I hold the leader lease (renewed 0.4 s ago); primary on timeline 2, "
                    + "synchronous standby " + pod(primary == 1 ? 0 : 1) + "\"}";
        }
        long lag = lags.length > i ? lags[i] : 0;
        return "{\"timeline\":2,\"lagBytes\":" + lag + ",\"reason\":\"streaming from " + pod(primary) + "\"}";
    }

    /** A switchover as the agents record it: lease, route and role labels move from {@code from} to {@code to}. */
    public void switchover(int from, int to) {
        client.leases().inNamespace(namespace).withName(names.lease()).edit(l -> new LeaseBuilder(l).editMetadata()
                .addToAnnotations("tusk.dev/timeline", "3")
                .addToAnnotations("tusk.dev/sync-standbys", "[\"" + pod(from) + "\"]").endMetadata()
                .editSpec().withHolderIdentity(pod(to)).endSpec().build());
        client.discovery().v1().endpointSlices().inNamespace(namespace).withName(names.primaryEndpointSlice())
                .edit(s -> new EndpointSliceBuilder(s).withEndpoints(List.of()).addNewEndpoint()
                        .withAddresses("198.18.0." + (10 + to)).endEndpoint().build());
        label(from, Labels.ROLE_REPLICA, "{\"timeline\":3,\"lagBytes\":0,\"reason\":\"demoted for the switchover; streaming from " + pod(to) + "\"}");
        label(to, Labels.ROLE_PRIMARY, "{\"timeline\":3,\"lagBytes\":0,\"reason\":\"promoted by switchover from " + pod(from) + "\"}");
    }

    private void label(int ordinal, String role, String status) {
        client.pods().inNamespace(namespace).withName(pod(ordinal)).edit(p -> new PodBuilder(p).editMetadata()
                .addToLabels(Labels.ROLE, role).addToAnnotations(Labels.MEMBER_STATUS_ANNOTATION, status).endMetadata().build());
    }

    private void event(String kind, String object, String type, String reason, String message, String source) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder().withNewMetadata()
                .withName(object + "." + Long.toHexString(System.nanoTime())).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(object).withNamespace(namespace).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withLastTimestamp(Instant.now().toString()).withNewSource().withComponent(source).endSource().build()).create();
    }

    public Map<String, String> names() {
        return Map.of("configMap", names.configMap(), "lease", names.lease());
    }
}
