package dev.tusk.app.logic.portforward;

import dev.tusk.runtime.dcs.OnAnyChange;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Watches the cluster's pods and the EndpointSlice {@code <cluster>-primary} with two informers, for a tunnel. The
 * cached objects are only read ({@link TunnelTargets}).
 */
public final class InformerTargetSource implements TunnelTargetSource {

    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<EndpointSlice> slices;
    private volatile boolean closed;

    public InformerTargetSource(KubernetesClient client, String namespace, String cluster) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = cluster;
    }

    @Override
    public synchronized void start(Runnable onChange) {
        pods = client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, cluster).runnableInformer(0);
        pods.addEventHandler(new OnAnyChange<>(onChange));
        slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withName(new ClusterNames(cluster).primaryEndpointSlice()).runnableInformer(0);
        slices.addEventHandler(new OnAnyChange<>(onChange));
        // keep retrying through API server outages, the first list included: a tunnel outlives a restart of the API server
        pods.exceptionHandler((started, failure) -> !closed);
        slices.exceptionHandler((started, failure) -> !closed);
        pods.start();
        slices.start();
    }

    private synchronized List<Pod> podList() {
        return pods == null ? List.of() : pods.getStore().list();
    }

    private synchronized EndpointSlice slice() {
        if (slices == null) {
            return null;
        }
        List<EndpointSlice> all = slices.getStore().list();
        return all.isEmpty() ? null : all.getFirst();
    }

    @Override
    public Optional<String> primary() {
        return TunnelTargets.primary(slice(), podList());
    }

    @Override
    public Optional<String> replica(Map<String, Integer> connections) {
        return TunnelTargets.replica(podList(), connections);
    }

    @Override
    public boolean isReplica(String pod) {
        return TunnelTargets.isReplica(podList(), pod);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pods != null) {
            pods.close();
        }
        if (slices != null) {
            slices.close();
        }
    }
}
