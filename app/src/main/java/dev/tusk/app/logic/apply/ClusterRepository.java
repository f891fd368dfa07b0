package dev.tusk.app.logic.apply;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.model.Violation;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One-shot reads of the clusters stored in a namespace: the ConfigMaps labelled
 * {@code app.kubernetes.io/component=config, app.kubernetes.io/managed-by=tusk} and their {@code spec.yaml}.
 * (Live discovery uses informers; this is for the CLI, the applier and wizards that need the spec once.)
 */
public final class ClusterRepository {

    private final KubernetesClient client;

    public ClusterRepository(KubernetesClient client) {
        this.client = client;
    }

    /**
     * A cluster as stored.
     *
     * @param spec     the spec, or null when {@code problems} says why it could not be read
     * @param problems what is wrong with the stored spec.yaml (empty when it was read)
     */
    public record StoredCluster(String namespace, String name, ClusterSpec spec, List<Violation> problems) {
        public StoredCluster {
            problems = List.copyOf(problems);
        }
    }

    /** The clusters of a namespace, by name. A cluster whose spec cannot be read is listed with its problems. */
    public List<StoredCluster> list(String namespace) {
        return client.configMaps().inNamespace(namespace)
                .withLabels(Map.of(Labels.COMPONENT, Labels.COMPONENT_CONFIG, Labels.MANAGED_BY, Labels.MANAGED_BY_VALUE))
                .list().getItems().stream().map(this::stored)
                .sorted(Comparator.comparing(StoredCluster::name)).toList();
    }

    /** One cluster by name, if its ConfigMap exists and is Tusk's. */
    public Optional<StoredCluster> find(String namespace, String cluster) {
        ConfigMap config = client.configMaps().inNamespace(namespace).withName(new ClusterNames(cluster).configMap()).get();
        if (config == null || config.getMetadata().getLabels() == null
                || !Labels.MANAGED_BY_VALUE.equals(config.getMetadata().getLabels().get(Labels.MANAGED_BY))) {
            return Optional.empty();
        }
        return Optional.of(stored(config));
    }

    /**
     * The stored spec with defaults filled in, or an explained failure: the one way the operations, the connection
     * panel and the dialogs read a cluster's spec.
     *
     * @throws dev.tusk.app.logic.ProblemException NOT_FOUND when there is no such Tusk cluster, CLUSTER_DATA when its
     *                                             spec.yaml is unreadable, or the explained API failure
     */
    public ClusterSpec requireSpec(String namespace, String cluster, dev.tusk.app.logic.kube.KubeErrors errors) {
        Optional<StoredCluster> found;
        try {
            found = find(namespace, cluster);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new dev.tusk.app.logic.ProblemException(errors.problemOf(e), e);
        }
        String configMap = new ClusterNames(cluster).configMap();
        if (found.isEmpty()) {
            throw new dev.tusk.app.logic.ProblemException(new dev.tusk.app.model.Problem(dev.tusk.app.model.ProblemKind.NOT_FOUND,
                    dev.tusk.app.model.Message.of("problem.clusterNotFound.title", cluster, namespace),
                    dev.tusk.app.model.Message.of("problem.clusterNotFound.detail", cluster, namespace, configMap),
                    dev.tusk.app.model.Message.of("problem.clusterNotFound.fix", namespace)));
        }
        if (found.get().spec() == null || !found.get().problems().isEmpty()) {
            throw new dev.tusk.app.logic.ProblemException(new dev.tusk.app.model.Problem(dev.tusk.app.model.ProblemKind.CLUSTER_DATA,
                    dev.tusk.app.model.Message.of("problem.spec.unreadable.title"),
                    dev.tusk.app.model.Message.of("problem.spec.unreadable.detail", configMap, String.join("; ",
                            found.get().problems().stream().map(Violation::message).toList())),
                    dev.tusk.app.model.Message.of("problem.spec.unreadable.fix")));
        }
        return found.get().spec().withDefaults();
    }

    private StoredCluster stored(ConfigMap config) {
        String namespace = config.getMetadata().getNamespace();
        Map<String, String> labels = config.getMetadata().getLabels();
        String name = labels != null && labels.get(Labels.CLUSTER) != null ? labels.get(Labels.CLUSTER)
                : config.getMetadata().getName().replaceFirst("-config$", "");
        String yaml = config.getData() == null ? null : config.getData().get(ClusterSpecYaml.CONFIG_MAP_KEY);
        if (yaml == null) {
            return new StoredCluster(namespace, name, null, List.of(new Violation("ConfigMap/" + config.getMetadata().getName(),
                    null, "the key " + ClusterSpecYaml.CONFIG_MAP_KEY + " is missing", "apply the cluster's spec again")));
        }
        ClusterSpecYaml.ReadResult read = ClusterSpecYaml.parse(yaml);
        return new StoredCluster(namespace, name, read.spec(), read.problems());
    }
}
