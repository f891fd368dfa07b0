package dev.tusk.runtime.faults;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterRenderer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/** Tusk clusters for the harness: a 3-instance spec rendered by Tusk's own renderer, with throw-away credentials. */
public final class TuskClusters {

    private TuskClusters() {
    }

    /**
     * The spec the commands use: cluster {@code hippo}, one instance set of 3, default timings; Tusk's default
     * image unless the environment variable {@code TUSK_AGENT_IMAGE} names another (e.g. a preview build).
     */
    public static ClusterSpec spec(String namespace, boolean requiredSync) {
        ClusterSpec minimal = ClusterSpec.minimal(TuskCluster.CLUSTER, namespace);
        String image = System.getenv("TUSK_AGENT_IMAGE");
        if (image != null && !image.isBlank()) {
            minimal = minimal.withPostgres(new ClusterSpec.PostgresSpec(minimal.postgres().version(), image,
                    minimal.postgres().parameters()));
        }
        return minimal.withInstanceSets(List.of(minimal.instanceSets().get(0).withReplicas(3)))
                .withReplication(new ClusterSpec.ReplicationSpec(requiredSync
                        ? ClusterSpec.ReplicationMode.REQUIRED_SYNC : ClusterSpec.ReplicationMode.ASYNC, null))
                .withDefaults();
    }

    public static HaCluster create(KubernetesClient client, String namespace, boolean requiredSync) {
        ClusterSpec spec = spec(namespace, requiredSync);
        ClusterCredentials credentials;
        try {
            credentials = TestCredentials.create(spec);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make credentials for the Tusk cluster: " + e.getMessage(), e);
        }
        return new TuskCluster(client, spec, requiredSync,
                s -> ClusterRenderer.objects(ClusterRenderer.render(s, credentials)));
    }
}
