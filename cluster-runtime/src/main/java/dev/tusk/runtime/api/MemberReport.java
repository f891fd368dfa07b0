package dev.tusk.runtime.api;

/**
 * {@code GET /member}: one member as its agent reports itself. Peers read it while racing for an expired lease; the
 * app shows it.
 *
 * @param name            pod name
 * @param role            {@code primary}, {@code replica} or {@code unknown}
 * @param state           {@code running}, {@code stopped} or {@code starting}
 * @param dataDirectory   {@code EMPTY}, {@code PRIMARY}, {@code STANDBY} or {@code INVALID}
 * @param running         Postgres runs
 * @param inRecovery      Postgres runs in recovery
 * @param timeline        its timeline; 0 when unknown
 * @param receivedLsn     highest WAL position it has (primary: current position)
 * @param replayLsn       replayed position
 * @param streaming       its WAL receiver streams
 * @param following       the member it replicates from
 * @param systemIdentifier database system identifier
 * @param leader          it holds the lease (renewed within its deadline)
 * @param paused          the cluster is in maintenance mode
 * @param decision        the kind of its last decision ({@code Hold}, {@code RenewLease}, …)
 * @param reason          the last decision's sentence
 * @param restartsInPlace how often it restarted Postgres in place while leading
 * @param error           why its Postgres could not be probed; null when it could
 * @param standbyLagSeconds leader only: replay lag in seconds of each standby streaming from it, by member name
 *                        (docs/ha-agent.md §4); empty elsewhere, absent (null) from older agents
 */
public record MemberReport(String name, String role, String state, String dataDirectory, boolean running,
                           boolean inRecovery, int timeline, String receivedLsn, String replayLsn, boolean streaming,
                           String following, String systemIdentifier, boolean leader, boolean paused, String decision,
                           String reason, int restartsInPlace, String error,
                           java.util.Map<String, Double> standbyLagSeconds) {
}
