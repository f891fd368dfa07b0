package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Tusk clusters for the harness (deployed through the renderer once it is on main). */
final class TuskClusters {

    private TuskClusters() {
    }

    static HaCluster create(KubernetesClient client, String namespace, boolean requiredSync) {
        throw new IllegalStateException("Tusk clusters cannot be deployed yet: the renderer"
                + " (dev.tusk.runtime.render.ClusterRenderer) and the agent image are not on main; use --system"
                + " patroni-default or patroni-tuned");
    }
}
