package dev.tusk.app.model;

/**
 * What the instance's agent last published in the pod annotation {@code tusk.dev/status}. Every field may be
 * {@code null}: the agent may not have written it yet, or an older agent may not know it.
 *
 * @param timeline     the PostgreSQL timeline
 * @param lagBytes     replication lag behind the primary, in bytes (replicas)
 * @param lastDecision the reason sentence of the agent's last decision
 */
public record MemberStatus(Long timeline, Long lagBytes, String lastDecision) {

    public static final MemberStatus NONE = new MemberStatus(null, null, null);
}
