package dev.tusk.runtime.dcs;

import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.postgres.MemberAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Members from the cluster's pods through an informer (list + watch of pods labelled {@code tusk.dev/cluster}); only
 * pods the spec names, only those with an IP. The informer's objects are read, never changed.
 */
public final class KubernetesMembers implements MemberDirectory {

    private final SharedIndexInformer<Pod> informer;
    private final Set<String> names;
    private final int pgPort;
    private final int apiPort;

    public KubernetesMembers(KubernetesClient client, String namespace, String cluster, List<String> specMembers,
                             int pgPort, int apiPort, Runnable onChange) {
        this.names = Set.copyOf(specMembers);
        this.pgPort = pgPort;
        this.apiPort = apiPort;
        this.informer = client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, cluster).inform(
                new OnAnyChange<Pod>(onChange), 60_000L);
    }

    @Override
    public List<MemberAddress> members() {
        return informer.getStore().list().stream()
                // the spec's members at start, and every instance pod of the cluster: a scale up adds members the
                // start-time names do not know, and the loop asks only for the names its (reloaded) settings list
                .filter(p -> names.contains(p.getMetadata().getName())
                        || (p.getMetadata().getLabels() != null && p.getMetadata().getLabels().containsKey(Labels.INSTANCE_SET)))
                .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null
                        && !p.getStatus().getPodIP().isBlank())
                .map(p -> new MemberAddress(p.getMetadata().getName(), p.getStatus().getPodIP(), pgPort, apiPort))
                .sorted(java.util.Comparator.comparing(MemberAddress::name))
                .toList();
    }

    @Override
    public Map<String, String> annotations(String name) {
        return informer.getStore().list().stream().filter(p -> p.getMetadata().getName().equals(name)).findFirst()
                .map(p -> p.getMetadata().getAnnotations() == null ? Map.<String, String>of()
                        : Map.copyOf(p.getMetadata().getAnnotations()))
                .orElse(Map.of());
    }

    @Override
    public void close() {
        informer.close();
    }
}
