package dev.tusk.runtime.ha;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.List;
import java.util.Map;

/**
 * Snapshots for decider tests, in the style of Patroni's get_cluster_initialized_with_leader(): a three-member
 * cluster pg-0, pg-1, pg-2 with a fixed timing (lease 5 s, renew deadline 3 s, retry 1 s, API timeout 1 s; the tests' instants are
 * written against it, not against whatever the default is).
 */
final class Fixtures {
    private Fixtures() {
    }

    static final long MS = 1_000_000L;
    static final long S = 1_000_000_000L;
    /** An arbitrary monotonic origin: nanoTime values are not zero-based. */
    static final long T0 = 7_000_000_000_000L;
    static final String SYSID = "7301234567890123456";
    static final List<String> MEMBERS = List.of("pg-0", "pg-1", "pg-2");
    static final HaTiming TIMING = new HaTiming(5000, 3000, 1000, 1000, 30_000);

    static HaSettings settings(ReplicationMode mode) {
        return new HaSettings("pg", TIMING, mode, 1024 * 1024, MEMBERS);
    }

    static HaSettings async() {
        return settings(ReplicationMode.ASYNC);
    }

    /** A lease record; the renew time is a wall-clock string the decider must never compare with anything. */
    static LeaseRecord lease(String holder, String rv, int timeline, String lastLsn, List<String> sync) {
        return new LeaseRecord(holder, rv, "2026-11-26T10:00:00.000000Z", "2026-11-26T09:00:00.000000Z", 1, timeline,
                Lsn.parseOrNull(lastLsn), sync, SYSID, null, "nonce-" + rv, List.of());
    }

    static LeaseRecord lease(String holder, String rv) {
        return lease(holder, rv, 1, "0/3000000", List.of());
    }

    static LeaseRecord released(String rv, String handoverTo) {
        return new LeaseRecord("", rv, "2026-11-26T10:00:00.000000Z", null, 1, 1, Lsn.parse("0/3000000"), List.of(),
                SYSID, handoverTo, "nonce-" + rv, List.of());
    }

    static LeaseRecord neverHeld() {
        return LeaseRecord.empty("1");
    }

    static LeaseView seen(LeaseRecord r, long sinceNanos) {
        return new LeaseView(r, true, sinceNanos, null);
    }

    static LeaseView unreadable(LeaseRecord lastKnown, long sinceNanos) {
        return new LeaseView(lastKnown, false, sinceNanos,
                ApiFailure.unreachable("connect timed out after 1000 ms"));
    }

    static PostgresState primary(int timeline, String currentLsn) {
        return new PostgresState(DataDirectory.PRIMARY, null, true, false, timeline, SYSID, null, null,
                Lsn.parse(currentLsn), false, null, List.of(), List.of(), List.of("pg_1", "pg_2"), null);
    }

    static PostgresState primaryWith(int timeline, String currentLsn, List<PostgresState.ReplicationConnection> conns,
                                     List<String> syncSetting) {
        return new PostgresState(DataDirectory.PRIMARY, null, true, false, timeline, SYSID, null, null,
                Lsn.parse(currentLsn), false, null, conns, syncSetting, List.of("pg_1", "pg_2"), null);
    }

    static PostgresState replica(int timeline, String received, String following, boolean streaming) {
        return new PostgresState(DataDirectory.STANDBY, null, true, true, timeline, SYSID, Lsn.parse(received),
                Lsn.parse(received), null, streaming, following, List.of(), List.of(), List.of(), null);
    }

    static PostgresState stopped(DataDirectory dir, int timeline) {
        return new PostgresState(dir, null, false, false, timeline, SYSID, null, Lsn.parse("0/2000000"), null, false,
                null, List.of(), List.of(), List.of(), null);
    }

    static PostgresState.ReplicationConnection streaming(String name, String flush, int priority) {
        return new PostgresState.ReplicationConnection(name, "streaming", Lsn.parse(flush), priority,
                priority > 0 ? "sync" : "async");
    }

    static MemberStatus peerReplica(String name, int timeline, String received) {
        return new MemberStatus(name, null, DataDirectory.STANDBY, true, true, timeline, Lsn.parse(received),
                Lsn.parse(received), false, SYSID);
    }

    static MemberStatus peerStreaming(String name, int timeline, String received) {
        return new MemberStatus(name, null, DataDirectory.STANDBY, true, true, timeline, Lsn.parse(received),
                Lsn.parse(received), true, SYSID);
    }

    static MemberStatus peerPrimary(String name, int timeline, String current) {
        return new MemberStatus(name, null, DataDirectory.PRIMARY, true, false, timeline, Lsn.parse(current), null,
                false, SYSID);
    }

    static MemberStatus peerEmpty(String name) {
        return new MemberStatus(name, null, DataDirectory.EMPTY, false, false, 0, null, null, false, null);
    }

    static MemberStatus peerDown(String name) {
        return MemberStatus.unreachable(name, "connect timed out");
    }

    static AgentMemory fresh() {
        return AgentMemory.fresh(T0);
    }

    /** Memory of a leader whose last successful renew was sent at {@code sentNanos}. */
    static AgentMemory leader(long sentNanos) {
        return AgentMemory.fresh(T0).withLastRenewSentNanos(sentNanos).withRoutedToMe(true);
    }

    static ClusterView view(LeaseView lease, List<MemberStatus> peers) {
        return new ClusterView(lease, peers, async(), false);
    }

    static ClusterView view(LeaseView lease, List<MemberStatus> peers, HaSettings settings) {
        return new ClusterView(lease, peers, settings, false);
    }

    static LocalState local(String name, PostgresState pg, AgentMemory memory) {
        return new LocalState(name, pg, memory);
    }

    static Map<String, Lsn> targets(String name, String lsn) {
        return Map.of(name, Lsn.parse(lsn));
    }
}
