package dev.tusk.app.logic.clusters;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.discovery.ClusterSpecReader;
import dev.tusk.app.logic.discovery.SnapshotAssembler;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One-shot reads of Tusk clusters, for the CLI: the same assembly as the live list, from a single list call per
 * kind instead of informers. Failures are thrown as explained {@link ProblemException}s.
 */
public final class ClusterQueries {

    private final SnapshotAssembler assembler;

    public ClusterQueries(ClusterSpecReader specs) {
        this.assembler = new SnapshotAssembler(specs);
    }

    /** The clusters of one namespace, sorted by name. */
    public List<ClusterSummary> list(Connection connection, String namespace) {
        try {
            List<ConfigMap> configs = connection.client().configMaps().inNamespace(namespace)
                    .withLabel(Labels.COMPONENT, Labels.COMPONENT_CONFIG)
                    .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).list().getItems();
            List<Pod> pods = connection.client().pods().inNamespace(namespace).withLabel(Labels.CLUSTER)
                    .list().getItems();
            return assembler.assemble(namespace, configs, pods);
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
    }

    /** The clusters of every namespace the user may list across, sorted by namespace then name. */
    public List<ClusterSummary> listAllNamespaces(Connection connection) {
        try {
            Map<String, List<ConfigMap>> configs = connection.client().configMaps().inAnyNamespace()
                    .withLabel(Labels.COMPONENT, Labels.COMPONENT_CONFIG)
                    .withLabel(Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE).list().getItems().stream()
                    .collect(Collectors.groupingBy(cm -> cm.getMetadata().getNamespace(), TreeMap::new,
                            Collectors.toList()));
            Map<String, List<Pod>> pods = connection.client().pods().inAnyNamespace().withLabel(Labels.CLUSTER)
                    .list().getItems().stream()
                    .collect(Collectors.groupingBy(p -> p.getMetadata().getNamespace(), TreeMap::new,
                            Collectors.toList()));
            TreeMap<String, Boolean> namespaces = new TreeMap<>();
            configs.keySet().forEach(ns -> namespaces.put(ns, true));
            pods.keySet().forEach(ns -> namespaces.put(ns, true));
            List<ClusterSummary> all = new ArrayList<>();
            for (String ns : namespaces.keySet()) {
                all.addAll(assembler.assemble(ns, configs.getOrDefault(ns, List.of()), pods.getOrDefault(ns, List.of())));
            }
            return all;
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
    }

    /**
     * The {@code spec.yaml} of a cluster's ConfigMap, exactly as stored.
     *
     * @throws ProblemException {@link ProblemKind#NOT_FOUND} "cluster X not found in namespace Y" when there is no
     *                          Tusk ConfigMap of that name
     */
    public String specYaml(Connection connection, String namespace, String cluster) {
        ConfigMap cm;
        try {
            cm = connection.client().configMaps().inNamespace(namespace)
                    .withName(new ClusterNames(cluster).configMap()).get();
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
        Map<String, String> labels = cm == null || cm.getMetadata().getLabels() == null
                ? Map.of() : cm.getMetadata().getLabels();
        if (cm == null || !Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))) {
            throw new ProblemException(new Problem(ProblemKind.NOT_FOUND,
                    Message.of("problem.clusterNotFound.title", cluster, namespace),
                    Message.of("problem.clusterNotFound.detail", cluster, namespace, new ClusterNames(cluster).configMap()),
                    Message.of("problem.clusterNotFound.fix", namespace)));
        }
        String yaml = cm.getData() == null ? null : cm.getData().get(SnapshotAssembler.SPEC_KEY);
        if (yaml == null) {
            throw new ProblemException(new Problem(ProblemKind.CLUSTER_DATA,
                    Message.of("problem.spec.unreadable.title"),
                    Message.of("problem.spec.unreadable.detail", cm.getMetadata().getName(),
                            "the key " + SnapshotAssembler.SPEC_KEY + " is missing"),
                    Message.of("problem.spec.unreadable.fix")));
        }
        return yaml;
    }
}
