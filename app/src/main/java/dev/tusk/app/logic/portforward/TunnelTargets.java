package dev.tusk.app.logic.portforward;

import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a tunnel sends a new connection, decided purely from what the informers hold (never changed here).
 *
 * <p>Primary: the pod whose address the EndpointSlice {@code <cluster>-primary} lists — the route the lease holder
 * writes itself (ADR 0003), the same one the primary Service uses; an endpoint marked not ready, or a pod being
 * deleted, is no target. Replica: a Ready pod labelled {@code tusk.dev/role=replica} (what the {@code -replicas}
 * Service selects), the one with the fewest of this tunnel's connections, then by name.
 */
public final class TunnelTargets {

    private TunnelTargets() {
    }

    /** The pod the primary route points at, if any. */
    public static Optional<String> primary(EndpointSlice slice, Collection<Pod> pods) {
        if (slice == null || slice.getEndpoints() == null) {
            return Optional.empty();
        }
        for (Endpoint endpoint : slice.getEndpoints()) {
            if (endpoint.getConditions() != null && Boolean.FALSE.equals(endpoint.getConditions().getReady())) {
                continue;
            }
            List<String> addresses = endpoint.getAddresses() == null ? List.of() : endpoint.getAddresses();
            String named = endpoint.getTargetRef() != null && "Pod".equals(endpoint.getTargetRef().getKind())
                    ? endpoint.getTargetRef().getName() : null;
            for (Pod pod : pods) {
                if (terminating(pod)) {
                    continue;
                }
                String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                if (ip != null && addresses.contains(ip) && (named == null || named.equals(pod.getMetadata().getName()))) {
                    return Optional.of(pod.getMetadata().getName());
                }
            }
        }
        return Optional.empty();
    }

    /** A ready replica, the least used by this tunnel first ({@code connections}: pod → open connections). */
    public static Optional<String> replica(Collection<Pod> pods, Map<String, Integer> connections) {
        return pods.stream()
                .filter(p -> !terminating(p) && isReady(p)
                        && Labels.ROLE_REPLICA.equals(labels(p).get(Labels.ROLE)))
                .map(p -> p.getMetadata().getName())
                .min(Comparator.<String>comparingInt(name -> connections.getOrDefault(name, 0))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /** Still a replica (for a read-only tunnel: a replica promoted in the meantime is no longer one). */
    public static boolean isReplica(Collection<Pod> pods, String name) {
        return pods.stream().anyMatch(p -> Objects.equals(p.getMetadata().getName(), name)
                && Labels.ROLE_REPLICA.equals(labels(p).get(Labels.ROLE)) && !terminating(p));
    }

    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
