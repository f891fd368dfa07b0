package dev.tusk.app.testing;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the objects Tusk renders for a cluster, as the discovery code finds them: ConfigMap and instance pods. */
public final class TuskObjects {

    private TuskObjects() {
    }

    /** A cluster ConfigMap whose spec has one instance set {@code instance1} with {@code replicas} instances. */
    public static ConfigMap clusterConfig(String cluster, String namespace, int replicas) {
        ClusterSpec spec = new ClusterSpec(cluster, namespace, new ClusterSpec.PostgresSpec(17, null, null),
                List.of(new ClusterSpec.InstanceSetSpec("instance1", replicas, null, null, null)),
                null, null, null, null, null, List.of());
        return clusterConfigWithSpec(cluster, namespace, ClusterSpecYaml.write(spec));
    }

    public static ConfigMap clusterConfigWithSpec(String cluster, String namespace, String specYaml) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(new ClusterNames(cluster).configMap()).withNamespace(namespace)
                .withLabels(Map.of(Labels.NAME, Labels.NAME_VALUE, Labels.INSTANCE, cluster,
                        Labels.COMPONENT, Labels.COMPONENT_CONFIG, Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE,
                        Labels.CLUSTER, cluster))
                .endMetadata()
                .withData(Map.of("spec.yaml", specYaml))
                .build();
    }

    /** The pod of instance {@code <cluster>-instance1-<ordinal>}, running and ready, with the given role label. */
    public static Pod instancePod(String cluster, String namespace, int ordinal, String role) {
        return instancePod(cluster, namespace, ordinal, role, "Running", true);
    }

    public static Pod instancePod(String cluster, String namespace, int ordinal, String role, String phase,
                                  boolean ready) {
        ClusterNames names = new ClusterNames(cluster);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.NAME, Labels.NAME_VALUE);
        labels.put(Labels.INSTANCE, cluster);
        labels.put(Labels.COMPONENT, Labels.COMPONENT_DATABASE);
        labels.put(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE);
        labels.put(Labels.CLUSTER, cluster);
        labels.put(Labels.INSTANCE_SET, "instance1");
        labels.put(Labels.INSTANCE_NAME, names.instance("instance1", ordinal));
        if (role != null) {
            labels.put(Labels.ROLE, role);
        }
        return new PodBuilder()
                .withNewMetadata().withName(names.pod("instance1", ordinal)).withNamespace(namespace)
                .withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-1")
                .addNewContainer().withName("database").withImage("docker.io/tusk/agent:0.1.0-pg17").endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase).withPodIP("198.18.0." + (10 + ordinal))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("database").withRestartCount(0).withReady(ready).endContainerStatus()
                .endStatus()
                .build();
    }
}
