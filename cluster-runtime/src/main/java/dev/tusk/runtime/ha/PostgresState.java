package dev.tusk.runtime.ha;

import java.util.List;

/**
 * The local Postgres as probed at the start of a cycle (pg_controldata, files in the data directory, and SQL when it
 * runs). When a SQL probe fails while the postmaster runs, the prober keeps the last known role and sets
 * {@code probeError} (a slow Postgres must still be fenced on time: Patroni 2.1.2).
 *
 * @param dataDirectory          what the data directory holds
 * @param dataDirectoryProblem   why it is {@link DataDirectory#INVALID}; null otherwise
 * @param running                the postmaster runs
 * @param inRecovery             running in recovery (meaningless when not running)
 * @param timeline               current timeline (SQL) or the last checkpoint's (pg_controldata); 0 when unknown
 * @param systemIdentifier       database system identifier; null when unknown
 * @param receivedLsn            replica: last WAL position received and flushed by the WAL receiver; null if none
 * @param replayLsn              replica: last replayed position; stopped: the last checkpoint's position
 * @param currentLsn             primary: pg_current_wal_lsn(); null otherwise
 * @param walReceiverStreaming   replica: the WAL receiver is streaming
 * @param following              replica: the member named in our replication settings; null if none
 * @param replication            primary: pg_stat_replication
 * @param synchronousStandbyNames the members listed in synchronous_standby_names as the agent wrote it (may hold
 *                               {@link SyncPlanner#PLACEHOLDER}); empty when the setting is empty
 * @param slots                  physical replication slots present
 * @param probeError             why the SQL probe failed this cycle; null when it succeeded or Postgres is stopped
 */
public record PostgresState(DataDirectory dataDirectory, String dataDirectoryProblem, boolean running,
                            boolean inRecovery, int timeline, String systemIdentifier, Lsn receivedLsn, Lsn replayLsn,
                            Lsn currentLsn, boolean walReceiverStreaming, String following,
                            List<ReplicationConnection> replication, List<String> synchronousStandbyNames,
                            List<String> slots, String probeError) {

    public PostgresState {
        replication = replication == null ? List.of() : List.copyOf(replication);
        synchronousStandbyNames = synchronousStandbyNames == null ? List.of() : List.copyOf(synchronousStandbyNames);
        slots = slots == null ? List.of() : List.copyOf(slots);
    }

    /** An empty data directory and no Postgres: a fresh pod. */
    public static PostgresState empty() {
        return new PostgresState(DataDirectory.EMPTY, null, false, false, 0, null, null, null, null, false, null,
                List.of(), List.of(), List.of(), null);
    }

    public boolean runningAsPrimary() {
        return running && !inRecovery;
    }

    public boolean runningAsReplica() {
        return running && inRecovery;
    }

    /** The highest WAL position this member holds: current (primary), else received or replayed. */
    public Lsn highestLsn() {
        if (running && !inRecovery && currentLsn != null) {
            return currentLsn;
        }
        return Lsn.max(receivedLsn, replayLsn);
    }

    /**
     * One row of pg_stat_replication, as the leader sees it.
     *
     * @param replayLsn          the standby's replayed position; null when unknown
     * @param replayLagSeconds   {@code replay_lag} in seconds; null when PostgreSQL shows none
     */
    public record ReplicationConnection(String applicationName, String state, Lsn flushLsn, int syncPriority,
                                        String syncState, Lsn replayLsn, Double replayLagSeconds) {

        public ReplicationConnection(String applicationName, String state, Lsn flushLsn, int syncPriority,
                                     String syncState) {
            this(applicationName, state, flushLsn, syncPriority, syncState, null, null);
        }

        public boolean streaming() {
            return "streaming".equals(state);
        }

        /**
         * Seconds this standby's replay trails the leader (docs/ha-agent.md §4): 0 when it has replayed everything
         * the leader had written when {@code leaderLsn} was sampled; otherwise {@code replay_lag}, the time since the
         * leader flushed WAL the standby has not replayed yet (PostgreSQL measures it on the leader's own clock, so
         * neither clock skew nor an idle leader's old commit timestamps enter it); null when the standby does not
         * stream or PostgreSQL has no measurement yet.
         */
        public Double lagSeconds(Lsn leaderLsn) {
            if (!streaming()) {
                return null;
            }
            if (replayLsn != null && leaderLsn != null && replayLsn.compareTo(leaderLsn) >= 0) {
                return 0.0;
            }
            return replayLagSeconds == null ? null : Math.max(0.0, replayLagSeconds);
        }
    }
}
