package dev.tusk.app.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One member of a cluster's topology: its pod as Kubernetes reports it and its Postgres as its agent reports it.
 * Values the agent has not reported (yet) are {@code null}.
 *
 * @param pod            the pod name: the member's identity, e.g. {@code hippo-instance1-0-0}
 * @param instance       the instance (its StatefulSet), e.g. {@code hippo-instance1-0}
 * @param instanceSet    the instance set, e.g. {@code instance1}, or {@code null} for an unlabelled pod
 * @param role           the pod's {@code tusk.dev/role} label
 * @param leaseHolder    this pod holds the leader Lease
 * @param routed         the primary EndpointSlice lists this pod's address
 * @param phase          pod phase ({@link PodPhase#MISSING} when the spec names it but no pod exists)
 * @param ready          the pod's Ready condition (primary: holds the lease and is out of recovery; replica:
 *                       streaming within the maximum lag)
 * @param restarts       container restarts, summed
 * @param node           the node, or {@code null}
 * @param podIp          the pod IP, or {@code null}
 * @param startedAt      when the pod started, or {@code null}
 * @param state          Postgres state in the agent's words ({@code running}, {@code streaming}, {@code stopped},
 *                       {@code starting}…), or {@code null}
 * @param timeline       the member's timeline, or {@code null}
 * @param lagBytes       replication lag behind the primary in bytes (replicas; 0 on the primary), or {@code null}
 * @param lagSeconds     replay lag in seconds (replicas), or {@code null}
 * @param lastDecision   the member's own last decision sentence, or {@code null}
 * @param pendingRestart a changed parameter needs a restart of this member, or {@code null} when unknown
 */
public record TopologyMember(String pod, String instance, String instanceSet, Role role, boolean leaseHolder,
                             boolean routed, PodPhase phase, boolean ready, int restarts, String node, String podIp,
                             Instant startedAt, String state, Long timeline, Long lagBytes, Double lagSeconds,
                             String lastDecision, Boolean pendingRestart) {

    public TopologyMember {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(phase, "phase");
    }

    /** The spec names this instance but no pod exists (yet, or any more). */
    public static TopologyMember missing(String pod, String instance, String instanceSet) {
        return new TopologyMember(pod, instance, instanceSet, Role.UNKNOWN, false, false, PodPhase.MISSING, false, 0,
                null, null, null, null, null, null, null, null, null);
    }
}
