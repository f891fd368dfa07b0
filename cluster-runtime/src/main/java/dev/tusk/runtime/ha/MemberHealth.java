package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.Labels;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the health endpoints and the role label say, decided purely from the last snapshot (Patroni-compatible
 * meanings). A primary is one that holds the lease — renewed within its deadline — and runs out of recovery: never a
 * label or a role alone.
 */
public final class MemberHealth {

    private MemberHealth() {
    }

    /** Holds the lease (last renew sent less than a renew deadline ago) and Postgres runs out of recovery. */
    public static boolean isPrimary(LocalState self, HaTiming timing, long nowNanos) {
        Long sent = self.memory().lastRenewSentNanos();
        return sent != null && nowNanos - sent < timing.renewDeadlineNanos() && self.postgres().runningAsPrimary();
    }

    /**
     * Runs in recovery and streams; with {@code maxLagBytes}, no further behind the leader's last published position
     * than that.
     */
    public static boolean isReplica(PostgresState pg, LeaseRecord lease, Long maxLagBytes) {
        if (!pg.runningAsReplica() || !pg.walReceiverStreaming()) {
            return false;
        }
        return maxLagBytes == null || lagBytes(pg, lease) <= maxLagBytes;
    }

    /** Bytes behind the leader's last published position; 0 when unknown. */
    public static long lagBytes(PostgresState pg, LeaseRecord lease) {
        if (lease == null || lease.lastLsn() == null || pg.highestLsn() == null) {
            return 0;
        }
        return lease.lastLsn().bytesAfter(pg.highestLsn());
    }

    /**
     * Replay lag in seconds of each standby streaming from this member while it runs as primary, by member name
     * ({@link PostgresState.ReplicationConnection#lagSeconds}); standbys without a measurement are left out. Empty
     * on a replica: only the leader sees it soundly.
     */
    public static Map<String, Double> standbyLagSeconds(PostgresState pg) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (!pg.runningAsPrimary()) {
            return out;
        }
        // a standby that reconnected may still have its old WAL sender listed (until wal_sender_timeout) with a
        // frozen position: the connection that has replayed furthest speaks for it
        Map<String, PostgresState.ReplicationConnection> newest = new LinkedHashMap<>();
        for (PostgresState.ReplicationConnection c : pg.replication()) {
            if (c.applicationName() == null) {
                continue;
            }
            newest.merge(c.applicationName(), c, (a, b) -> replayed(b).isAtLeast(replayed(a)) ? b : a);
        }
        newest.forEach((name, c) -> {
            Double lag = c.lagSeconds(pg.currentLsn());
            if (lag != null) {
                out.put(name, lag);
            }
        });
        return out;
    }

    /** {@code /readiness}: a primary while it is one; a replica while it streams within the failover lag limit. */
    public static boolean ready(LocalState self, LeaseRecord lease, HaSettings settings, long nowNanos) {
        if (isPrimary(self, settings.timing(), nowNanos)) {
            return true;
        }
        return isReplica(self.postgres(), lease, settings.maximumLagOnFailoverBytes());
    }

    /** {@code /liveness}: the loop completed within a lease duration (leader) or two (anyone else). */
    public static boolean alive(long lastCycleCompletedNanos, boolean leader, HaTiming timing, long nowNanos) {
        long limit = (leader ? 1 : 2) * timing.leaseDurationNanos();
        return nowNanos - lastCycleCompletedNanos < limit;
    }

    /** The value of the pod label {@code tusk.dev/role}. */
    public static String roleLabel(LocalState self, HaTiming timing, long nowNanos) {
        if (isPrimary(self, timing, nowNanos)) {
            return Labels.ROLE_PRIMARY;
        }
        return self.postgres().runningAsReplica() ? Labels.ROLE_REPLICA : Labels.ROLE_UNKNOWN;
    }

    private static Lsn replayed(PostgresState.ReplicationConnection c) {
        return c.replayLsn() == null ? Lsn.ZERO : c.replayLsn();
    }
}
