package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** The HA systems the commands can run, by name. */
final class Systems {

    static final List<String> NAMES = List.of("tusk", "patroni-default", "patroni-tuned");

    private Systems() {
    }

    static HaCluster create(String name, KubernetesClient client, String namespace, boolean requiredSync) {
        return switch (name) {
            case "tusk" -> TuskClusters.create(client, namespace, requiredSync);
            case "patroni-default" -> new PatroniCluster(client, namespace, PatroniCluster.Profile.DEFAULT, requiredSync);
            case "patroni-tuned" -> new PatroniCluster(client, namespace, PatroniCluster.Profile.TUNED, requiredSync);
            default -> throw new IllegalArgumentException("--system " + name + " is not known; use one of " + NAMES);
        };
    }
}
