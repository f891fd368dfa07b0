package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.Comparator;
import java.util.Optional;

/** Who may take over, and in which order: the one comparator and the one eligibility rule. */
public final class FailoverCandidates {

    private FailoverCandidates() {
    }

    /**
     * THE order of failover candidates (CloudNativePG's {@code PostgresqlStatusList.Less}, minus "primaries first",
     * which cannot apply to a lease race): members reporting errors last, then the highest received WAL position,
     * then the highest replayed position, then the pod name as a stable tie-break.
     */
    public static final Comparator<MemberStatus> ORDER = Comparator
            .comparing(MemberStatus::reportingError)
            .thenComparing(MemberStatus::receivedOrZero, Comparator.reverseOrder())
            .thenComparing(MemberStatus::replayOrZero, Comparator.reverseOrder())
            .thenComparing(MemberStatus::name);

    /**
     * Why {@code member} may not take over the cluster described by {@code lease}; empty when it may. The same rule
     * applies to this agent and to the peers it ranks itself against.
     */
    public static Optional<String> whyIneligible(MemberStatus member, LeaseRecord lease, HaSettings settings) {
        if (member.reportingError()) {
            return Optional.of("its status cannot be read (" + member.error() + ")");
        }
        if (!member.runningAsReplica()) {
            return Optional.of(member.running() ? "it runs as a primary, not as a replica" : "Postgres is not running");
        }
        if (lease.systemIdentifier() != null && member.systemIdentifier() != null
                && !lease.systemIdentifier().equals(member.systemIdentifier())) {
            return Optional.of("its data belongs to another database system (" + member.systemIdentifier() + ")");
        }
        if (lease.timeline() != null && member.timeline() < lease.timeline()) {
            return Optional.of("it is on timeline " + member.timeline() + ", behind the cluster's " + lease.timeline());
        }
        ReplicationMode mode = settings.mode();
        boolean syncGate = mode == ReplicationMode.REQUIRED_SYNC
                || (mode == ReplicationMode.PREFERRED_SYNC && !lease.syncStandbys().isEmpty());
        if (syncGate) {
            if (!lease.syncStandbys().contains(member.name())) {
                return Optional.of(mode.yamlValue() + " allows only a published synchronous standby to be promoted ("
                        + (lease.syncStandbys().isEmpty() ? "none is published" : "published: "
                        + String.join(", ", lease.syncStandbys())) + ")");
            }
            // a published standby has every acknowledged commit: lag against the last published position (which may
            // include commits still waiting for it) does not disqualify it
            return Optional.empty();
        }
        if (lease.lastLsn() != null) {
            long lag = lease.lastLsn().bytesAfter(member.receivedOrZero());
            if (lag > settings.maximumLagOnFailoverBytes()) {
                return Optional.of("it is " + lag + " bytes behind the leader's last published position "
                        + lease.lastLsn() + " (maximum lag on failover " + settings.maximumLagOnFailoverBytes()
                        + " bytes)");
            }
        }
        return Optional.empty();
    }
}
