package dev.tusk.app.logic.operations;

import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.WatchState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built topologies for planner tests. */
final class Topologies {

    private Topologies() {
    }

    static TopologyMember member(String pod, Role role, boolean ready, Long lag) {
        String instance = pod.substring(0, pod.length() - 2);
        return new TopologyMember(pod, instance, "instance1", role, role == Role.PRIMARY, role == Role.PRIMARY,
                ready ? PodPhase.RUNNING : PodPhase.PENDING, ready, 0, "testbed", "198.18.0.9", null, "running", 1L,
                lag, null, null, null);
    }

    /** hippo with instance1 of n instances; {@code primary} is the ordinal of the lease holder. */
    static ClusterTopology hippo(int n, int primary, Long... lags) {
        List<TopologyMember> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String pod = "hippo-instance1-" + i + "-0";
            members.add(member(pod, i == primary ? Role.PRIMARY : Role.REPLICA, true,
                    i == primary ? 0L : lags.length > i ? lags[i] : 0L));
        }
        String holder = "hippo-instance1-" + primary + "-0";
        return new ClusterTopology("db", "hippo", members, holder, holder, "198.18.0.9", 1L, "holding the lease",
                "async", List.of(), false, ClusterTopology.AgentApiState.ANSWERED, null, WatchState.LIVE, null, Instant.EPOCH);
    }
}
