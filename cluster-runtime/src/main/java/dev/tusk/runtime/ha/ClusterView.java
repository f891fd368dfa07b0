package dev.tusk.runtime.ha;

import java.util.List;
import java.util.Optional;

/**
 * One immutable snapshot of the cluster as this agent sees it at the start of a cycle: the lease, the peers'
 * self-reports, the settings and whether the cluster is paused.
 *
 * @param peers every other member the spec names, each with its status or the error that prevented reading it
 */
public record ClusterView(LeaseView lease, List<MemberStatus> peers, HaSettings settings, boolean paused) {

    public ClusterView {
        peers = List.copyOf(peers);
    }

    public Optional<MemberStatus> peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
