package dev.tusk.app.gui.cluster;

import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.WatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built topologies of cluster {@code hippo} in namespace {@code db}, as a TopologyWatcher would report them. */
final class TopologyFixtures {

    private TopologyFixtures() {
    }

    static String pod(int ordinal) {
        return "hippo-instance1-" + ordinal + "-0";
    }

    static TopologyMember member(int ordinal, Role role, boolean ready, Long lagBytes, boolean primary) {
        return new TopologyMember(pod(ordinal), "hippo-instance1-" + ordinal, "instance1", role, primary, primary,
                ready ? PodPhase.RUNNING : PodPhase.PENDING, ready, 0, "testbed", "198.18.0." + (10 + ordinal),
                null, primary ? "running" : "streaming", 2L, lagBytes, primary ? null : 0.2, null, null);
    }

    /** {@code n} ready instances; {@code primary} holds the lease and is routed; replicas stream with no lag. */
    static ClusterTopology hippo(int n, int primary) {
        List<TopologyMember> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(member(i, i == primary ? Role.PRIMARY : Role.REPLICA, true, i == primary ? 0L : 0L, i == primary));
        }
        return with(members, pod(primary));
    }

    static ClusterTopology with(List<TopologyMember> members, String holder) {
        return new ClusterTopology("db", "hippo", members, holder, holder, "198.18.0.10", 2L,
                holder == null ? null : "I hold the leader lease; I am the primary", "async", List.of(), false,
                ClusterTopology.AgentApiState.ANSWERED, null, WatchState.LIVE, null, Instant.EPOCH);
    }
}
