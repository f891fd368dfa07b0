package dev.tusk.app.logic.discovery;

import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.Role;
import dev.tusk.app.logic.Redaction;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Turns the cluster ConfigMaps and instance pods of one namespace into {@link ClusterSummary}s. Pure: reads the
 * objects it is given and never changes them (they may come straight from an informer's cache).
 *
 * <p>A cluster is a ConfigMap labelled {@code app.kubernetes.io/component=config,managed-by=tusk}; its instances
 * are the pods the spec names (absent ones shown as {@link PodPhase#MISSING}) plus any other database pod labelled
 * {@code tusk.dev/cluster=<name>}. Pods whose cluster has no ConfigMap still appear, as a cluster whose
 * configuration is missing, because a DBA must see Postgres pods that Tusk cannot manage.
 */
public final class SnapshotAssembler {

    public static final String SPEC_KEY = "spec.yaml";

    private final ClusterSpecReader specs;
    private final MemberStatusReader statuses = new MemberStatusReader();

    public SnapshotAssembler(ClusterSpecReader specs) {
        this.specs = Objects.requireNonNull(specs);
    }

    public List<ClusterSummary> assemble(String namespace, List<ConfigMap> configMaps, List<Pod> pods) {
        Map<String, ConfigMap> configs = new TreeMap<>();
        for (ConfigMap cm : configMaps) {
            configs.put(clusterName(cm), cm);
        }
        Map<String, List<Pod>> podsByCluster = new TreeMap<>();
        for (Pod pod : pods) {
            Map<String, String> labels = labels(pod.getMetadata().getLabels());
            String cluster = labels.get(Labels.CLUSTER);
            if (cluster != null && isInstancePod(labels)) {
                podsByCluster.computeIfAbsent(cluster, c -> new ArrayList<>()).add(pod);
            }
        }
        Map<String, ClusterSummary> clusters = new TreeMap<>();
        for (Map.Entry<String, ConfigMap> entry : configs.entrySet()) {
            String name = entry.getKey();
            ConfigMap cm = entry.getValue();
            ClusterSpec spec = null;
            Problem specProblem = null;
            String yaml = cm.getData() == null ? null : cm.getData().get(SPEC_KEY);
            try {
                if (yaml == null) {
                    throw new IllegalArgumentException("the key " + SPEC_KEY + " is missing");
                }
                spec = specs.read(yaml);
            } catch (RuntimeException e) {
                specProblem = new Problem(ProblemKind.CLUSTER_DATA,
                        Message.of("problem.spec.unreadable.title"),
                        Message.of("problem.spec.unreadable.detail", cm.getMetadata().getName(),
                                Redaction.redact(String.valueOf(e.getMessage()).replaceAll("\\s*\\n\\s*", " "))),
                        Message.of("problem.spec.unreadable.fix"));
            }
            boolean paused = "true".equals(labels(cm.getMetadata().getAnnotations()).get(Labels.PAUSED_ANNOTATION));
            clusters.put(name, new ClusterSummary(name, namespace, spec, specProblem, paused,
                    instances(name, spec, podsByCluster.getOrDefault(name, List.of()))));
        }
        for (Map.Entry<String, List<Pod>> entry : podsByCluster.entrySet()) {
            clusters.computeIfAbsent(entry.getKey(), name -> new ClusterSummary(name, namespace, null, null, false,
                    instances(name, null, entry.getValue())));
        }
        return List.copyOf(clusters.values());
    }

    private List<InstanceSummary> instances(String cluster, ClusterSpec spec, List<Pod> pods) {
        Map<String, Pod> byName = new TreeMap<>();
        for (Pod pod : pods) {
            byName.put(pod.getMetadata().getName(), pod);
        }
        Map<String, InstanceSummary> result = new LinkedHashMap<>();
        if (spec != null) {
            ClusterNames names = new ClusterNames(cluster);
            for (ClusterSpec.InstanceSetSpec set : spec.instanceSets()) {
                int replicas = set.replicas() == null ? 0 : set.replicas();
                for (int i = 0; i < replicas; i++) {
                    String podName = names.pod(set.name(), i);
                    Pod pod = byName.get(podName);
                    result.put(podName, pod == null ? InstanceSummary.missing(podName, set.name()) : summarize(pod));
                }
            }
        }
        byName.values().stream()
                .filter(pod -> !result.containsKey(pod.getMetadata().getName()))
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName()))
                .forEach(pod -> result.put(pod.getMetadata().getName(), summarize(pod)));
        return List.copyOf(result.values());
    }

    private InstanceSummary summarize(Pod pod) {
        Map<String, String> labels = labels(pod.getMetadata().getLabels());
        PodPhase phase = pod.getMetadata().getDeletionTimestamp() != null
                ? PodPhase.TERMINATING
                : PodPhase.fromKubernetes(pod.getStatus() == null ? null : pod.getStatus().getPhase());
        boolean ready = false;
        int restarts = 0;
        String ip = null;
        if (pod.getStatus() != null) {
            for (PodCondition condition : nonNull(pod.getStatus().getConditions())) {
                if ("Ready".equals(condition.getType()) && "True".equals(condition.getStatus())) {
                    ready = true;
                }
            }
            for (ContainerStatus cs : nonNull(pod.getStatus().getContainerStatuses())) {
                restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
            }
            ip = pod.getStatus().getPodIP();
        }
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return new InstanceSummary(pod.getMetadata().getName(), labels.get(Labels.INSTANCE_SET), phase,
                ready && phase == PodPhase.RUNNING, Role.fromLabel(labels.get(Labels.ROLE)), restarts, node, ip,
                statuses.read(labels(pod.getMetadata().getAnnotations()).get(Labels.MEMBER_STATUS_ANNOTATION)));
    }

    /** Database pods; backup job pods (component {@code backup}) carry the cluster label too but are no instance. */
    private static boolean isInstancePod(Map<String, String> labels) {
        String component = labels.get(Labels.COMPONENT);
        return component == null || Labels.COMPONENT_DATABASE.equals(component)
                || labels.containsKey(Labels.INSTANCE_SET);
    }

    /** The cluster a ConfigMap describes: its {@code tusk.dev/cluster} label, else its name without "-config". */
    static String clusterName(ConfigMap cm) {
        Map<String, String> labels = labels(cm.getMetadata().getLabels());
        String label = labels.getOrDefault(Labels.CLUSTER, labels.get(Labels.INSTANCE));
        if (label != null && !label.isBlank()) {
            return label;
        }
        String name = cm.getMetadata().getName();
        return name.endsWith("-config") ? name.substring(0, name.length() - "-config".length()) : name;
    }

    private static Map<String, String> labels(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }
}
