package dev.tusk.app.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster's live topology: every member with its role, lag, timeline and pod state, who holds the leader lease,
 * where the primary Service routes, and the leader agent's last decision. Built from informers (pods, the Lease, the
 * primary EndpointSlice, the cluster ConfigMap) plus the leader agent's {@code GET /cluster}, polled about once a
 * second while someone watches. Immutable; each change gives a new one.
 *
 * <p>Three sources name "the primary" and during a failover they briefly disagree; the view shows all three:
 * {@link #leaseHolder} (who may be primary), {@link #routedPod} (where writes go) and each member's
 * {@link TopologyMember#role()} label (what the agent last wrote on its pod).
 *
 * @param namespace       the namespace
 * @param cluster         the cluster's name
 * @param members         expected and running instances, in spec order (set, then ordinal), then any other pod
 * @param leaseHolder     the pod holding the Lease {@code <cluster>-leader}, or {@code null} when nobody holds it
 * @param routedPod       the pod whose address the EndpointSlice {@code <cluster>-primary} lists, or {@code null}
 * @param routedAddress   that address, or {@code null}
 * @param timeline        the leader's timeline (Lease annotation {@code tusk.dev/timeline}), or {@code null}
 * @param lastDecision    the leader agent's last decision sentence ({@code /cluster}, else its pod's status), or
 *                        {@code null}
 * @param replicationMode {@code async}, {@code preferred-sync} or {@code required-sync}, as the spec says; or
 *                        {@code null} when the spec is unreadable
 * @param syncStandbys    the published synchronous standbys (Lease annotation {@code tusk.dev/sync-standbys})
 * @param paused          the cluster is in maintenance mode (ConfigMap annotation {@code tusk.dev/paused})
 * @param agentApi        whether the leader's {@code /cluster} answered on the last poll
 * @param agentApiProblem why it did not, or {@code null}
 * @param watch           how current this topology is (informers listing, live, reconnecting, stopped)
 * @param watchProblem    why the watch is not live, or {@code null}
 * @param observedAt      when this topology was assembled
 */
public record ClusterTopology(String namespace, String cluster, List<TopologyMember> members, String leaseHolder,
                              String routedPod, String routedAddress, Long timeline, String lastDecision,
                              String replicationMode, List<String> syncStandbys, boolean paused,
                              AgentApiState agentApi, Message agentApiProblem, WatchState watch, Problem watchProblem,
                              Instant observedAt) {

    /** Whether the leader's REST API was reached on the last poll. */
    public enum AgentApiState {
        /** Not asked yet (the topology is starting, or nobody holds the lease). */
        NOT_ASKED,
        /** {@code /cluster} answered on the last poll. */
        ANSWERED,
        /** The last poll failed; {@link #agentApiProblem()} says why. Pod data still comes from informers. */
        UNREACHABLE
    }

    public ClusterTopology {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(cluster, "cluster");
        members = List.copyOf(members);
        syncStandbys = syncStandbys == null ? List.of() : List.copyOf(syncStandbys);
        Objects.requireNonNull(agentApi, "agentApi");
        Objects.requireNonNull(watch, "watch");
        Objects.requireNonNull(observedAt, "observedAt");
    }

    public static ClusterTopology starting(String namespace, String cluster, Instant now) {
        return new ClusterTopology(namespace, cluster, List.of(), null, null, null, null, null, null, List.of(), false,
                AgentApiState.NOT_ASKED, null, WatchState.STARTING, null, now);
    }

    public Optional<TopologyMember> member(String pod) {
        return members.stream().filter(m -> m.pod().equals(pod)).findFirst();
    }

    /** The member holding the lease. */
    public Optional<TopologyMember> leader() {
        return leaseHolder == null ? Optional.empty() : member(leaseHolder);
    }

    /** Lease holder, route and role label all name the same pod, and no other pod is labelled primary. */
    public boolean primaryAgreed() {
        if (leaseHolder == null || !leaseHolder.equals(routedPod)) {
            return false;
        }
        return members.stream().filter(m -> m.role() == Role.PRIMARY).map(TopologyMember::pod).toList()
                .equals(List.of(leaseHolder));
    }

    /** Ready members labelled replica. */
    public List<TopologyMember> readyReplicas() {
        return members.stream().filter(m -> m.role() == Role.REPLICA && m.ready()).toList();
    }

    public ClusterTopology withWatch(WatchState state, Problem problem) {
        return new ClusterTopology(namespace, cluster, members, leaseHolder, routedPod, routedAddress, timeline,
                lastDecision, replicationMode, syncStandbys, paused, agentApi, agentApiProblem, state, problem, observedAt);
    }
}
