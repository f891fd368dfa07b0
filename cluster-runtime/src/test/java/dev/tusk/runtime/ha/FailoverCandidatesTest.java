package dev.tusk.runtime.ha;

import static dev.tusk.runtime.ha.Fixtures.lease;
import static dev.tusk.runtime.ha.Fixtures.peerDown;
import static dev.tusk.runtime.ha.Fixtures.peerPrimary;
import static dev.tusk.runtime.ha.Fixtures.peerReplica;
import static dev.tusk.runtime.ha.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FailoverCandidatesTest {

    private static MemberStatus member(String name, String received, String replayed) {
        return new MemberStatus(name, null, DataDirectory.STANDBY, true, true, 1, Lsn.parse(received),
                Lsn.parse(replayed), false, Fixtures.SYSID);
    }

    @Test
    void members_reporting_errors_rank_last_whatever_their_position() {
        var ranked = sorted(peerDown("a"), member("z", "0/1", "0/1"));
        assertThat(names(ranked)).containsExactly("z", "a");
    }

    @Test
    void the_highest_received_position_ranks_first_then_the_highest_replayed_then_the_name() {
        var ranked = sorted(
                member("c", "0/3000000", "0/2000000"),
                member("b", "0/3000000", "0/2800000"),
                member("a", "0/2000000", "0/2000000"),
                member("d", "0/3000000", "0/2800000"));
        assertThat(names(ranked)).containsExactly("b", "d", "c", "a");
    }

    @Test
    void positions_compare_as_unsigned_64_bit_numbers_across_the_high_half() {
        var ranked = sorted(member("low", "0/FFFFFFFF", "0/FFFFFFFF"), member("high", "1/0", "1/0"));
        assertThat(names(ranked)).containsExactly("high", "low");
    }

    @Test
    void the_order_is_total_and_stable_under_any_input_permutation() {
        List<MemberStatus> members = new ArrayList<>(List.of(
                member("pg-0", "0/5", "0/5"), member("pg-1", "0/5", "0/4"), member("pg-2", "0/6", "0/1"),
                peerDown("pg-3"), member("pg-4", "0/5", "0/5")));
        List<String> expected = names(sorted(members.toArray(MemberStatus[]::new)));
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) {
            Collections.shuffle(members, random);
            assertThat(names(sorted(members.toArray(MemberStatus[]::new)))).isEqualTo(expected);
        }
        assertThat(expected).containsExactly("pg-2", "pg-0", "pg-4", "pg-1", "pg-3");
    }

    @Test
    void eligibility_requires_a_running_replica_with_the_clusters_data_on_a_timeline_not_behind() {
        var r = lease("pg-0", "7", 2, "0/3000000", List.of());
        var async = settings(ReplicationMode.ASYNC);
        assertThat(FailoverCandidates.whyIneligible(peerReplica("a", 2, "0/3000000"), r, async)).isEmpty();
        assertThat(FailoverCandidates.whyIneligible(peerReplica("a", 1, "0/3000000"), r, async))
                .hasValue("it is on timeline 1, behind the cluster's 2");
        assertThat(FailoverCandidates.whyIneligible(peerPrimary("a", 2, "0/3000000"), r, async))
                .hasValue("it runs as a primary, not as a replica");
        assertThat(FailoverCandidates.whyIneligible(peerDown("a"), r, async)).get().asString()
                .startsWith("its status cannot be read");
        var foreign = new MemberStatus("a", null, DataDirectory.STANDBY, true, true, 2, Lsn.parse("0/3000000"), null,
                true, "other");
        assertThat(FailoverCandidates.whyIneligible(foreign, r, async)).get().asString()
                .contains("another database system");
    }

    @Test
    void the_lag_limit_is_measured_against_the_leaders_last_published_position() {
        var r = lease("pg-0", "7", 1, "0/3100000", List.of());
        var async = settings(ReplicationMode.ASYNC); // 1 MiB
        assertThat(FailoverCandidates.whyIneligible(peerReplica("a", 1, "0/3000000"), r, async)).isEmpty();
        assertThat(FailoverCandidates.whyIneligible(peerReplica("a", 1, "0/2FFFFFF"), r, async)).get().asString()
                .contains("1048577 bytes behind");
    }

    @Test
    void a_published_synchronous_standby_is_not_disqualified_by_lag() {
        var r = lease("pg-0", "7", 1, "0/9000000", List.of("a"));
        assertThat(FailoverCandidates.whyIneligible(peerReplica("a", 1, "0/3000000"), r,
                settings(ReplicationMode.REQUIRED_SYNC))).isEmpty();
    }

    private static List<MemberStatus> sorted(MemberStatus... members) {
        List<MemberStatus> list = new ArrayList<>(List.of(members));
        list.sort(FailoverCandidates.ORDER);
        return list;
    }

    private static List<String> names(List<MemberStatus> members) {
        return members.stream().map(MemberStatus::name).toList();
    }
}
