package dev.tusk.runtime.api;

import java.util.List;

/**
 * {@code GET /cluster}: the cluster as the answering agent sees it — members, roles, lag, timeline and the last
 * decision's reason of each. The app reads it.
 *
 * @param cluster       the cluster's name
 * @param leader        the lease holder; null when none
 * @param timeline      the leader's published timeline
 * @param leaderLsn     the leader's WAL position at its last renew
 * @param syncStandbys  the published synchronous standbys
 * @param replication   {@code async}, {@code preferred-sync} or {@code required-sync}
 * @param paused        maintenance mode
 * @param servedBy      the member that answered
 * @param lastDecision  the answering agent's last decision sentence
 * @param members       every member the spec names
 */
public record ClusterReport(String cluster, String leader, Integer timeline, String leaderLsn, List<String> syncStandbys,
                            String replication, boolean paused, String servedBy, String lastDecision,
                            List<Member> members) {

    /**
     * One member in {@code /cluster}.
     *
     * @param lagBytes   bytes behind the leader's last published position; null when unknown
     * @param lagSeconds replica: seconds its replay trails the leader, as the leader measures it (0 when it has
     *                   replayed everything; docs/ha-agent.md §4); null for the leader and when unknown
     * @param error    why its status could not be read; null when it could
     */
    public record Member(String name, String role, String state, Integer timeline, String receivedLsn, Long lagBytes,
                         Double lagSeconds, boolean streaming, String decision, String reason, String error) {
    }
}
