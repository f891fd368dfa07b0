package dev.tusk.runtime.ha;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay lag in seconds the leader reports for each standby (docs/ha-agent.md §4). */
class StandbyLagSecondsTest {

    private static PostgresState.ReplicationConnection row(String name, String state, String replay, Double lag) {
        return new PostgresState.ReplicationConnection(name, state, Lsn.parseOrNull(replay), 0, "async",
                Lsn.parseOrNull(replay), lag);
    }

    @Test
    void a_standby_that_replayed_everything_the_leader_wrote_is_zero_seconds_behind_even_without_a_measurement() {
        // an idle leader: PostgreSQL clears replay_lag once the standby caught up; idle time is not lag
        assertThat(row("pg-1", "streaming", "0/3000060", null).lagSeconds(Lsn.parse("0/3000060"))).isEqualTo(0.0);
        // a stale measurement from the last burst does not count once everything is replayed
        assertThat(row("pg-1", "streaming", "0/3000060", 4.2).lagSeconds(Lsn.parse("0/3000000"))).isEqualTo(0.0);
    }

    @Test
    void a_standby_behind_the_leader_reports_replay_lag_as_postgres_measures_it_on_the_leader() {
        assertThat(row("pg-1", "streaming", "0/3000000", 1.75).lagSeconds(Lsn.parse("0/3000060"))).isEqualTo(1.75);
    }

    @Test
    void without_a_measurement_or_a_stream_the_lag_is_unknown_never_zero() {
        assertThat(row("pg-1", "streaming", "0/3000000", null).lagSeconds(Lsn.parse("0/3000060"))).isNull();
        assertThat(row("pg-1", "catchup", "0/3000060", 0.1).lagSeconds(Lsn.parse("0/3000060"))).isNull();
        assertThat(row("pg-1", "streaming", null, 0.5).lagSeconds(null)).isEqualTo(0.5);
        assertThat(row("pg-1", "streaming", null, null).lagSeconds(null)).isNull();
    }

    @Test
    void the_leader_maps_each_streaming_standby_by_member_name_and_a_replica_reports_none() {
        PostgresState leader = Fixtures.primaryWith(2, "0/5000000", List.of(
                row("pg-1", "streaming", "0/5000000", null),
                row("pg-2", "streaming", "0/4000000", 3.5),
                row("pg-3", "streaming", "0/4000000", null)), List.of());
        assertThat(MemberHealth.standbyLagSeconds(leader)).containsExactly(
                java.util.Map.entry("pg-1", 0.0), java.util.Map.entry("pg-2", 3.5));
        assertThat(MemberHealth.standbyLagSeconds(Fixtures.replica(2, "0/5000000", "pg-0", true))).isEmpty();
    }

    @Test
    void after_a_reconnect_the_wal_sender_that_replayed_furthest_speaks_for_the_standby_not_the_stale_one() {
        // the old WAL sender lingers (until wal_sender_timeout) with a frozen position and its last measurement
        PostgresState leader = Fixtures.primaryWith(2, "0/5000000", List.of(
                row("pg-1", "streaming", "0/2000000", 9.0),
                row("pg-1", "streaming", "0/4FFFF00", 0.3)), List.of());
        assertThat(MemberHealth.standbyLagSeconds(leader)).containsExactly(java.util.Map.entry("pg-1", 0.3));
    }
}
