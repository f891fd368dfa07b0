package dev.tusk.runtime.ha;

import static dev.tusk.runtime.ha.Fixtures.MEMBERS;
import static dev.tusk.runtime.ha.Fixtures.streaming;
import static dev.tusk.runtime.ha.SyncPlanner.PLACEHOLDER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

    private static SyncPlan plan(ReplicationMode mode, List<String> setting, List<String> published,
                                 List<PostgresState.ReplicationConnection> conns, Map<String, Lsn> targets) {
        return SyncPlanner.plan(mode, "pg-0", MEMBERS, setting, published, conns, targets);
    }

    @Test
    void required_sync_with_no_healthy_standby_keeps_a_placeholder_that_matches_nothing() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of(), List.of(), List.of(), Map.of());
        assertThat(p.settingBefore()).containsExactly(PLACEHOLDER);
        assertThat(p.publish()).isEmpty();
        assertThat(p.settingAfter()).containsExactly(PLACEHOLDER);
        assertThat(SyncPlanner.settingValue(p.settingAfter())).isEqualTo("FIRST 1 (\"tusk_no_sync_standby\")");
    }

    @Test
    void a_new_standby_enters_the_setting_first_at_the_front_and_is_not_published_yet() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1"), List.of("pg-1"),
                List.of(streaming("pg-1", "0/3000000", 1), streaming("pg-2", "0/3000000", 0)), Map.of());
        assertThat(p.settingBefore()).containsExactly("pg-2", "pg-1");
        assertThat(p.sampleFor()).containsExactly("pg-2");
        assertThat(p.publish()).containsExactly("pg-1");
        assertThat(SyncPlanner.settingValue(p.settingBefore())).isEqualTo("FIRST 2 (\"pg-2\", \"pg-1\")");
        // every WAL sender's position changes, so each one's sync_priority proves it took the new setting
        assertThat(SyncPlanner.expectedPriority(p.settingBefore(), "pg-1")).isEqualTo(2);
        assertThat(SyncPlanner.expectedPriority(p.settingBefore(), "pg-2")).isEqualTo(1);
    }

    @Test
    void a_listed_standby_is_published_only_once_it_has_flushed_the_position_sampled_after_it_was_listed() {
        var conns = List.of(streaming("pg-1", "0/2FFFFFF", 1));
        var notYet = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1"), List.of(), conns,
                Fixtures.targets("pg-1", "0/3000000"));
        assertThat(notYet.publish()).isEmpty();
        assertThat(notYet.sampleFor()).isEmpty();
        var flushed = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1"), List.of(),
                List.of(streaming("pg-1", "0/3000000", 1)), Fixtures.targets("pg-1", "0/3000000"));
        assertThat(flushed.publish()).containsExactly("pg-1");
    }

    @Test
    void a_listed_standby_without_a_sampled_position_gets_one_sampled() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1"), List.of(),
                List.of(streaming("pg-1", "0/3000000", 1)), Map.of());
        assertThat(p.sampleFor()).containsExactly("pg-1");
        assertThat(p.publish()).isEmpty();
    }

    @Test
    void a_standby_that_stops_streaming_is_unpublished_with_the_lease_write_and_only_then_leaves_the_setting() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1", "pg-2"), List.of("pg-1", "pg-2"),
                List.of(streaming("pg-1", "0/3000000", 1)), Map.of());
        assertThat(p.settingBefore()).containsExactly("pg-1", "pg-2");
        assertThat(p.publish()).containsExactly("pg-1");
        assertThat(p.settingAfter()).containsExactly("pg-1");
    }

    @Test
    void required_sync_losing_its_last_standby_falls_back_to_the_placeholder_after_unpublishing() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of("pg-1"), List.of("pg-1"), List.of(), Map.of());
        assertThat(p.settingBefore()).containsExactly("pg-1");
        assertThat(p.publish()).isEmpty();
        assertThat(p.settingAfter()).containsExactly(PLACEHOLDER);
    }

    @Test
    void preferred_sync_losing_its_last_standby_runs_alone() {
        var p = plan(ReplicationMode.PREFERRED_SYNC, List.of("pg-1"), List.of("pg-1"), List.of(), Map.of());
        assertThat(p.publish()).isEmpty();
        assertThat(p.settingAfter()).isEmpty();
        assertThat(SyncPlanner.settingValue(p.settingAfter())).isEmpty();
    }

    @Test
    void async_unpublishes_everyone_before_clearing_the_setting() {
        var p = plan(ReplicationMode.ASYNC, List.of("pg-1"), List.of("pg-1"), List.of(streaming("pg-1", "0/3", 1)),
                Map.of());
        assertThat(p.settingBefore()).containsExactly("pg-1");
        assertThat(p.publish()).isEmpty();
        assertThat(p.settingAfter()).isEmpty();
    }

    @Test
    void walsenders_of_non_members_and_of_the_leader_itself_are_ignored() {
        var p = plan(ReplicationMode.REQUIRED_SYNC, List.of(PLACEHOLDER), List.of(),
                List.of(streaming("pg_basebackup", "0/3", 0), streaming("pg-0", "0/3", 0)), Map.of());
        assertThat(p.settingBefore()).containsExactly(PLACEHOLDER);
        assertThat(p.sampleFor()).isEmpty();
    }

    @Test
    void publication_is_always_a_subset_of_the_setting_before_and_after() {
        var conns = List.of(streaming("pg-1", "0/5", 1), streaming("pg-2", "0/5", 2));
        for (ReplicationMode mode : ReplicationMode.values()) {
            for (List<String> setting : List.of(List.<String>of(), List.of("pg-1"), List.of("pg-2", "pg-1"),
                    List.of(PLACEHOLDER))) {
                for (List<String> published : List.of(List.<String>of(), List.of("pg-1"), List.of("pg-1", "pg-2"))) {
                    var p = plan(mode, setting, published, conns, Map.of("pg-1", Lsn.parse("0/5")));
                    assertThat(p.settingBefore()).containsAll(p.publish());
                    assertThat(p.settingAfter()).containsAll(p.publish());
                }
            }
        }
    }
}
