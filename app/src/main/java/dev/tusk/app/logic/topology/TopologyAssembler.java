package dev.tusk.app.logic.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.app.logic.agent.AgentClusterStatus;
import dev.tusk.app.logic.discovery.MemberStatusReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.MemberStatus;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link ClusterTopology} from {@link TopologyInputs}. Pure: reads what it is given (objects may come
 * straight from an informer cache) and changes nothing. The agent's {@code /cluster} answer wins over the pods'
 * {@code tusk.dev/status} annotations for Postgres facts (fresher: polled each second, the annotation only on change);
 * Kubernetes facts (phase, readiness, restarts, labels) always come from the pods.
 */
public final class TopologyAssembler {

    /** Lease annotations the leader writes (docs/architecture.md). */
    public static final String TIMELINE_ANNOTATION = "tusk.dev/timeline";
    public static final String SYNC_STANDBYS_ANNOTATION = "tusk.dev/sync-standbys";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MemberStatusReader statuses = new MemberStatusReader();

    public ClusterTopology assemble(String namespace, String cluster, TopologyInputs in) {
        ClusterSpec spec = spec(in);
        Map<String, Pod> pods = new TreeMap<>();
        for (Pod pod : in.pods()) {
            Map<String, String> labels = map(pod.getMetadata().getLabels());
            String component = labels.get(Labels.COMPONENT);
            if (component == null || Labels.COMPONENT_DATABASE.equals(component) || labels.containsKey(Labels.INSTANCE_SET)) {
                pods.put(pod.getMetadata().getName(), pod);
            }
        }
        String holder = in.lease() == null || in.lease().getSpec() == null ? null : blankToNull(in.lease().getSpec().getHolderIdentity());
        List<String> routedAddresses = addresses(in.primarySlice());
        String routedPod = null;
        String routedAddress = routedAddresses.isEmpty() ? null : routedAddresses.getFirst();
        for (Pod pod : pods.values()) {
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            if (ip != null && routedAddresses.contains(ip)) {
                routedPod = pod.getMetadata().getName();
                routedAddress = ip;
                break;
            }
        }
        AgentClusterStatus agent = in.agent();
        Map<String, TopologyMember> members = new LinkedHashMap<>();
        ClusterNames names = new ClusterNames(cluster);
        if (spec != null) {
            for (ClusterSpec.InstanceSetSpec set : spec.instanceSets()) {
                int replicas = set.replicas() == null ? 0 : set.replicas();
                for (int i = 0; i < replicas; i++) {
                    String podName = names.pod(set.name(), i);
                    Pod pod = pods.get(podName);
                    members.put(podName, pod == null ? TopologyMember.missing(podName, names.instance(set.name(), i), set.name())
                            : member(pod, holder, routedPod, agent));
                }
            }
        }
        final String routed = routedPod;
        pods.values().stream().filter(p -> !members.containsKey(p.getMetadata().getName()))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .forEach(p -> members.put(p.getMetadata().getName(), member(p, holder, routed, agent)));

        Long timeline = agent != null && agent.timeline() != null ? agent.timeline() : leaseTimeline(in.lease());
        String lastDecision = agent != null && agent.lastDecision() != null ? agent.lastDecision() : null;
        if (lastDecision == null && holder != null && members.containsKey(holder)) {
            lastDecision = members.get(holder).lastDecision();
        }
        boolean paused = in.configMap() != null
                && "true".equals(map(in.configMap().getMetadata().getAnnotations()).get(Labels.PAUSED_ANNOTATION));
        String mode = spec == null || spec.replication() == null || spec.replication().mode() == null ? null
                : spec.replication().mode().yamlValue();
        Instant now = in.now();
        return new ClusterTopology(namespace, cluster, List.copyOf(members.values()), holder, routedPod, routedAddress,
                timeline, lastDecision, mode, syncStandbys(in.lease()), paused, in.agentApi(), in.agentApiProblem(),
                in.watch(), in.watchProblem(), now);
    }

    private static ClusterSpec spec(TopologyInputs in) {
        if (in.configMap() == null || in.configMap().getData() == null) {
            return null;
        }
        String yaml = in.configMap().getData().get(ClusterSpecYaml.CONFIG_MAP_KEY);
        if (yaml == null) {
            return null;
        }
        ClusterSpecYaml.ReadResult read = ClusterSpecYaml.parse(yaml);
        return read.spec() == null ? null : read.spec().withDefaults();
    }

    private TopologyMember member(Pod pod, String holder, String routedPod, AgentClusterStatus agent) {
        String name = pod.getMetadata().getName();
        Map<String, String> labels = map(pod.getMetadata().getLabels());
        PodPhase phase = pod.getMetadata().getDeletionTimestamp() != null ? PodPhase.TERMINATING
                : PodPhase.fromKubernetes(pod.getStatus() == null ? null : pod.getStatus().getPhase());
        boolean ready = false;
        int restarts = 0;
        String ip = null;
        Instant started = null;
        if (pod.getStatus() != null) {
            for (PodCondition c : list(pod.getStatus().getConditions())) {
                if ("Ready".equals(c.getType()) && "True".equals(c.getStatus())) {
                    ready = true;
                }
            }
            for (ContainerStatus cs : list(pod.getStatus().getContainerStatuses())) {
                restarts += cs.getRestartCount() == null ? 0 : cs.getRestartCount();
            }
            ip = pod.getStatus().getPodIP();
            started = parseTime(pod.getStatus().getStartTime());
        }
        MemberStatus annotated = statuses.read(map(pod.getMetadata().getAnnotations()).get(Labels.MEMBER_STATUS_ANNOTATION));
        AgentClusterStatus.Member reported = agent == null ? null : agent.member(name).orElse(null);
        Long timeline = reported != null && reported.timeline() != null ? reported.timeline() : annotated.timeline();
        Long lagBytes = reported != null && reported.lagBytes() != null ? reported.lagBytes() : annotated.lagBytes();
        String decision = reported != null && reported.lastDecision() != null ? reported.lastDecision() : annotated.lastDecision();
        return new TopologyMember(name, labels.get(Labels.INSTANCE_NAME), labels.get(Labels.INSTANCE_SET),
                Role.fromLabel(labels.get(Labels.ROLE)), name.equals(holder), name.equals(routedPod), phase,
                ready && phase == PodPhase.RUNNING, restarts, pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
                ip, started, reported == null ? null : reported.state(), timeline, lagBytes,
                reported == null ? null : reported.lagSeconds(), decision,
                reported == null ? null : reported.pendingRestart());
    }

    /** Every address the EndpointSlice lists. */
    public static List<String> addresses(EndpointSlice slice) {
        List<String> out = new ArrayList<>();
        if (slice == null || slice.getEndpoints() == null) {
            return out;
        }
        for (Endpoint e : slice.getEndpoints()) {
            if (e.getAddresses() != null) {
                out.addAll(e.getAddresses());
            }
        }
        return out;
    }

    private static Long leaseTimeline(Lease lease) {
        if (lease == null) {
            return null;
        }
        String value = map(lease.getMetadata().getAnnotations()).get(TIMELINE_ANNOTATION);
        try {
            return value == null ? null : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static List<String> syncStandbys(Lease lease) {
        if (lease == null) {
            return List.of();
        }
        String value = map(lease.getMetadata().getAnnotations()).get(SYNC_STANDBYS_ANNOTATION);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        try {
            JsonNode node = JSON.readTree(value);
            List<String> out = new ArrayList<>();
            node.forEach(n -> {
                if (n.isTextual()) {
                    out.add(n.asText());
                }
            });
            return out;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static Instant parseTime(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? Map.of() : m;
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
