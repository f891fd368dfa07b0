package dev.tusk.app.model;

/**
 * One Postgres instance of a cluster, as the list shows it.
 *
 * @param podName     the pod (the member's identity), for example {@code hippo-instance1-0-0}
 * @param instanceSet the instance set ({@code tusk.dev/instance-set}), or {@code null} when unlabelled
 * @param phase       pod phase, or {@link PodPhase#MISSING} when the spec names the instance but no pod exists
 * @param ready       the pod's Ready condition
 * @param role        from the pod label {@code tusk.dev/role}
 * @param restarts    container restarts summed over the pod's containers
 * @param node        the node it runs on, or {@code null}
 * @param podIp       the pod's IP, or {@code null}
 * @param status      the agent's published status ({@link MemberStatus#NONE} when absent)
 */
public record InstanceSummary(String podName, String instanceSet, PodPhase phase, boolean ready, Role role,
                              int restarts, String node, String podIp, MemberStatus status) {

    public static InstanceSummary missing(String podName, String instanceSet) {
        return new InstanceSummary(podName, instanceSet, PodPhase.MISSING, false, Role.UNKNOWN, 0, null, null,
                MemberStatus.NONE);
    }
}
