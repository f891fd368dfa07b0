package dev.tusk.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A leader whose commits wait for a standby looks every 100 ms, for 30 s per episode at most (ADR 0016). */
class StandbySearchPaceTest {

    private static final long S = 1_000_000_000L;

    @Test
    void commits_waiting_after_a_promotion_make_the_leader_look_fast_and_otherwise_it_keeps_its_pace() {
        StandbySearchPace pace = StandbySearchPace.NONE;
        assertThat(pace.next(false, 0).fast(false, 0)).isFalse();
        pace = pace.next(true, 10 * S);
        assertThat(pace.fast(true, 10 * S)).isTrue();
        pace = pace.next(true, 12 * S);
        assertThat(pace.fast(true, 12 * S)).isTrue();
        assertThat(pace.next(false, 13 * S).fast(false, 13 * S)).as("a standby joined: normal pace").isFalse();
    }

    @Test
    void the_fast_window_closes_after_30_seconds_of_waiting_a_degraded_cluster_does_not_load_the_api_server() {
        StandbySearchPace pace = StandbySearchPace.NONE.next(true, 0);
        for (long t = 1; t <= 29; t++) {
            pace = pace.next(true, t * S);
            assertThat(pace.fast(true, t * S)).isTrue();
        }
        pace = pace.next(true, 30 * S);
        assertThat(pace.fast(true, 30 * S)).isFalse();
        pace = pace.next(true, 300 * S);
        assertThat(pace.fast(true, 300 * S)).as("still the same episode: waited all along").isFalse();
    }

    @Test
    void a_single_cycle_without_waiting_does_not_grant_a_new_window_only_five_quiet_seconds_do() {
        StandbySearchPace pace = StandbySearchPace.NONE.next(true, 0);
        pace = pace.next(true, 31 * S);
        pace = pace.next(false, 32 * S); // one failed probe, or a flapping standby listed for a moment
        pace = pace.next(true, 33 * S);
        assertThat(pace.fast(true, 33 * S)).isFalse();
        pace = pace.next(false, 34 * S);
        pace = pace.next(false, 37 * S);
        pace = pace.next(true, 38 * S); // quiet for only 4 s: the same episode
        assertThat(pace.fast(true, 38 * S)).isFalse();
        pace = pace.next(false, 39 * S);
        pace = pace.next(true, 45 * S); // quiet for 6 s (since 39 s): a new episode
        assertThat(pace.fast(true, 45 * S)).isTrue();
    }
}
