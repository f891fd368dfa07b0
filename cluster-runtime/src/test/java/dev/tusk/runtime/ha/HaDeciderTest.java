package dev.tusk.runtime.ha;

import static dev.tusk.runtime.ha.Fixtures.MS;
import static dev.tusk.runtime.ha.Fixtures.S;
import static dev.tusk.runtime.ha.Fixtures.T0;
import static dev.tusk.runtime.ha.Fixtures.fresh;
import static dev.tusk.runtime.ha.Fixtures.lease;
import static dev.tusk.runtime.ha.Fixtures.leader;
import static dev.tusk.runtime.ha.Fixtures.local;
import static dev.tusk.runtime.ha.Fixtures.neverHeld;
import static dev.tusk.runtime.ha.Fixtures.peerDown;
import static dev.tusk.runtime.ha.Fixtures.peerEmpty;
import static dev.tusk.runtime.ha.Fixtures.peerPrimary;
import static dev.tusk.runtime.ha.Fixtures.peerReplica;
import static dev.tusk.runtime.ha.Fixtures.peerStreaming;
import static dev.tusk.runtime.ha.Fixtures.primary;
import static dev.tusk.runtime.ha.Fixtures.primaryWith;
import static dev.tusk.runtime.ha.Fixtures.released;
import static dev.tusk.runtime.ha.Fixtures.replica;
import static dev.tusk.runtime.ha.Fixtures.seen;
import static dev.tusk.runtime.ha.Fixtures.settings;
import static dev.tusk.runtime.ha.Fixtures.stopped;
import static dev.tusk.runtime.ha.Fixtures.streaming;
import static dev.tusk.runtime.ha.Fixtures.unreadable;
import static dev.tusk.runtime.ha.Fixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.ha.Decision.Acquire;
import dev.tusk.runtime.ha.Decision.Bootstrap;
import dev.tusk.runtime.ha.Decision.Busy;
import dev.tusk.runtime.ha.Decision.CloneFrom;
import dev.tusk.runtime.ha.Decision.Demote;
import dev.tusk.runtime.ha.Decision.Fence;
import dev.tusk.runtime.ha.Decision.Follow;
import dev.tusk.runtime.ha.Decision.Hold;
import dev.tusk.runtime.ha.Decision.Paused;
import dev.tusk.runtime.ha.Decision.Promote;
import dev.tusk.runtime.ha.Decision.Reinitialize;
import dev.tusk.runtime.ha.Decision.ReleaseLease;
import dev.tusk.runtime.ha.Decision.RenewLease;
import dev.tusk.runtime.ha.Decision.RestartInPlace;
import dev.tusk.runtime.ha.Decision.Rewind;
import dev.tusk.runtime.ha.Decision.StartAsReplica;
import dev.tusk.runtime.ha.Decision.Switchover;
import dev.tusk.runtime.ha.Decision.SwitchoverRejected;
import dev.tusk.runtime.model.ClusterSpec.ReplicationMode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The HA rules, one table row per test, with a fake monotonic clock (plain nanosecond values). */
class HaDeciderTest {

    private static Decision decide(ClusterView view, LocalState self, long now) {
        return HaDecider.decide(view, self, now);
    }

    @Nested
    @DisplayName("bootstrap")
    class BootstrapRace {
        @Test
        void the_first_member_with_an_empty_directory_takes_a_never_held_lease_to_run_initdb() {
            var d = decide(view(seen(neverHeld(), T0), List.of(peerEmpty("pg-1"), peerDown("pg-2"))),
                    local("pg-0", PostgresState.empty(), fresh()), T0);
            assertThat(d).isInstanceOf(Acquire.class);
            assertThat(((Acquire) d).bootstrap()).isTrue();
            assertThat(d.reason()).contains("no one has bootstrapped the cluster yet", "taking the lease to run initdb");
        }

        @Test
        void a_later_member_leaves_the_race_to_the_first_by_the_comparator() {
            var d = decide(view(seen(neverHeld(), T0), List.of(peerEmpty("pg-0"), peerEmpty("pg-2"))),
                    local("pg-1", PostgresState.empty(), fresh()), T0);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("pg-0 comes first");
        }

        @Test
        void nobody_runs_initdb_while_a_peer_reports_a_data_directory() {
            var d = decide(view(seen(neverHeld(), T0), List.of(peerReplica("pg-1", 1, "0/3000000"), peerEmpty("pg-2"))),
                    local("pg-0", PostgresState.empty(), fresh()), T0);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("pg-1 has a data directory; not running initdb");
        }

        @Test
        void the_winner_runs_initdb_once_its_conditional_write_succeeded() {
            LeaseRecord mine = new LeaseRecord("pg-0", "2", null, null, 1, null, null, List.of(), null, null, "n", List.of());
            var d = decide(view(seen(mine, T0), List.of()), local("pg-0", PostgresState.empty(), leader(T0)), T0 + 10 * MS);
            assertThat(d).isInstanceOf(Bootstrap.class);
        }

        @Test
        void a_leader_whose_bootstrap_failed_backs_off_but_keeps_renewing_its_lease() {
            LeaseRecord mine = new LeaseRecord("pg-0", "2", null, null, 1, null, null, List.of(), null, null, "n", List.of());
            var mem = leader(T0).withLastFailure(new AgentMemory.Failure("bootstrap", "disk full", T0 + 900 * MS));
            var d = decide(view(seen(mine, T0), List.of()), local("pg-0", PostgresState.empty(), mem), T0 + S);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).contains("bootstrap failed", "renewing the lease");
            assertThat(decide(view(seen(mine, T0), List.of()), local("pg-0", PostgresState.empty(), mem), T0 + 300 * MS))
                    .isInstanceOf(Hold.class);
        }

        @Test
        void others_wait_for_the_winner_to_publish_the_system_identifier_before_cloning() {
            LeaseRecord bootstrapping = new LeaseRecord("pg-0", "2", null, null, 1, null, null, List.of(), null, null,
                    "n", List.of());
            var d = decide(view(seen(bootstrapping, T0), List.of()), local("pg-1", PostgresState.empty(), fresh()), T0);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("waiting for pg-0 to finish bootstrapping");
        }

        @Test
        void the_leader_publishes_the_system_identifier_with_its_next_renew() {
            LeaseRecord bootstrapping = new LeaseRecord("pg-0", "2", null, null, 1, null, null, List.of(), null, null,
                    "n", List.of());
            var d = decide(view(seen(bootstrapping, T0), List.of()), local("pg-0", primary(1, "0/1000000"),
                    leader(T0)), T0 + 200 * MS);
            assertThat(d).isInstanceOf(RenewLease.class);
            var intent = ((RenewLease) d).intent();
            assertThat(intent.systemIdentifier()).isEqualTo(Fixtures.SYSID);
            assertThat(intent.timeline()).isEqualTo(1);
            assertThat(intent.historyEntry().event()).isEqualTo("bootstrap");
        }

        @Test
        void once_bootstrapped_an_empty_member_clones_the_leader() {
            var d = decide(view(seen(lease("pg-0", "5"), T0), List.of()), local("pg-2", PostgresState.empty(), fresh()),
                    T0 + S);
            assertThat(d).isEqualTo(new CloneFrom("my data directory is empty; cloning pg-0 with pg_basebackup", "pg-0"));
        }
    }

    @Nested
    @DisplayName("renewing and leading")
    class Leading {
        @Test
        void a_healthy_leader_renews_once_per_retry_period_and_holds_in_between() {
            var self = local("pg-0", primary(1, "0/3000100"), leader(T0));
            var v = view(seen(lease("pg-0", "7"), T0), List.of());
            assertThat(decide(v, self, T0 + 200 * MS)).isInstanceOf(Hold.class);
            var d = decide(v, self, T0 + 1000 * MS);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).isEqualTo("leading on timeline 1; renewing the lease");
            assertThat(((RenewLease) d).intent().lastLsn()).isEqualTo(Lsn.parse("0/3000100"));
        }

        @Test
        void a_new_leader_routes_the_primary_service_to_itself_and_creates_member_slots() {
            var self = local("pg-0", new PostgresState(DataDirectory.PRIMARY, null, true, false, 2, Fixtures.SYSID, null,
                    null, Lsn.parse("0/4000000"), false, null, List.of(), List.of(), List.of("pg_9"), null),
                    fresh().withLastRenewSentNanos(T0));
            var d = decide(view(seen(lease("pg-0", "7", 2, "0/4000000", List.of()), T0), List.of()), self, T0 + 100 * MS);
            assertThat(d).isInstanceOf(RenewLease.class);
            var duties = ((RenewLease) d).duties();
            assertThat(duties.routeToMe()).isTrue();
            assertThat(duties.createSlots()).containsExactly("pg_1", "pg_2");
            assertThat(duties.dropSlots()).containsExactly("pg_9");
        }

        @Test
        void after_promotion_the_new_timeline_is_published_with_a_history_entry() {
            var self = local("pg-1", primary(2, "0/5000000"), leader(T0));
            var d = decide(view(seen(lease("pg-1", "9", 1, "0/4000000", List.of()), T0), List.of()), self, T0 + 10 * MS);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).startsWith("promoted to timeline 2");
            assertThat(((RenewLease) d).intent().timeline()).isEqualTo(2);
            assertThat(((RenewLease) d).intent().historyEntry().event()).isEqualTo("promote");
        }

        @Test
        void a_holder_whose_postgres_is_a_replica_promotes() {
            var d = decide(view(seen(lease("pg-1", "9"), T0), List.of()),
                    local("pg-1", replica(1, "0/3000000", null, false), leader(T0)), T0 + 10 * MS);
            assertThat(d).isInstanceOf(Promote.class);
        }
    }

    @Nested
    @DisplayName("expiry by observation on the observer's monotonic clock")
    class Expiry {
        LocalState follower = local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh());

        @Test
        void another_holders_lease_is_not_expired_one_nanosecond_before_the_full_duration() {
            var v = view(seen(lease("pg-0", "7"), T0), List.of(peerReplica("pg-2", 1, "0/2000000")));
            assertThat(decide(v, follower, T0 + 5 * S - 1)).isInstanceOf(Hold.class);
            assertThat(decide(v, follower, T0 + 5 * S)).isInstanceOf(Acquire.class);
        }

        @Test
        void the_holders_renew_time_is_never_compared_with_the_local_wall_clock() {
            // renewTime in the distant past (a holder whose wall clock is wrong, or ours is): observed 1 s ago, not expired
            LeaseRecord old = new LeaseRecord("pg-0", "7", "1999-01-01T00:00:00Z", "1999-01-01T00:00:00Z", 1, 1,
                    Lsn.parse("0/3000000"), List.of(), Fixtures.SYSID, null, "n", List.of());
            var d = decide(view(seen(old, T0), List.of()), follower, T0 + S);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).startsWith("following pg-0");
        }

        @Test
        void a_renew_observed_later_restarts_the_expiry_clock() {
            LeaseView first = LeaseView.observed(null, lease("pg-0", "7"), T0);
            LeaseView renewed = LeaseView.observed(first, lease("pg-0", "8"), T0 + 3 * S);
            assertThat(renewed.observedSinceNanos()).isEqualTo(T0 + 3 * S);
            var v = view(renewed, List.of());
            assertThat(decide(v, follower, T0 + 7 * S)).isInstanceOf(Hold.class);
            assertThat(decide(v, follower, T0 + 8 * S)).isInstanceOf(Acquire.class);
        }

        @Test
        void an_unchanged_record_keeps_its_first_observation_time() {
            LeaseView first = LeaseView.observed(null, lease("pg-0", "7"), T0);
            LeaseView again = LeaseView.observed(first, lease("pg-0", "7"), T0 + 4 * S);
            assertThat(again.observedSinceNanos()).isEqualTo(T0);
        }

        @Test
        void a_failed_read_keeps_the_clock_and_never_races() {
            LeaseView first = LeaseView.observed(null, lease("pg-0", "7"), T0);
            LeaseView failed = LeaseView.unreadable(first, ApiFailure.unreachable("timeout"), T0 + 9 * S);
            assertThat(failed.observedSinceNanos()).isEqualTo(T0);
            var d = decide(view(failed, List.of()), follower, T0 + 9 * S);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("cannot read the lease (API server unreachable");
        }

        @Test
        void a_released_lease_is_free_at_once() {
            var d = decide(view(seen(released("9", null), T0), List.of()), follower, T0);
            assertThat(d).isInstanceOf(Acquire.class);
            assertThat(d.reason()).startsWith("the lease was released");
        }
    }

    @Nested
    @DisplayName("fencing")
    class Fencing {
        LeaseRecord mine = lease("pg-0", "7");

        @Test
        void the_primary_stops_at_once_when_the_renew_deadline_passes_while_the_api_server_is_unreachable() {
            var self = local("pg-0", primary(1, "0/3000000"), leader(T0));
            var v = view(unreadable(mine, T0), List.of());
            var before = decide(v, self, T0 + 2999 * MS);
            assertThat(before).isInstanceOf(RenewLease.class);
            assertThat(before.reason()).contains("cannot read the lease (API server unreachable");
            var at = decide(v, self, T0 + 3000 * MS);
            assertThat(at).isInstanceOf(Fence.class);
            assertThat(at.reason()).contains("could not renew the lease within the renew deadline",
                    "API server unreachable", "stopping Postgres at once");
        }

        @Test
        void a_lease_held_by_another_demotes_at_once_and_says_it_is_not_an_outage() {
            var self = local("pg-0", primary(1, "0/3000000"), leader(T0));
            var d = decide(view(seen(lease("pg-1", "8"), T0 + S), List.of()), self, T0 + S);
            assertThat(d).isEqualTo(new Demote("the lease is now held by pg-1 (preempted, not an API outage);"
                    + " stopping Postgres at once and rejoining as its replica", "pg-1"));
        }

        @Test
        void a_pause_longer_than_the_margin_fences_first_even_when_the_lease_still_names_me() {
            // the agent froze (GC, SIGSTOP) right after a renew sent at T0 and wakes 3.5 s later: the lease may still
            // read as mine, but the deadline has passed — stop before anything else, then re-validate
            var self = local("pg-0", primary(1, "0/3000000"), leader(T0));
            var d = decide(view(seen(mine, T0 + 3500 * MS), List.of()), self, T0 + 3500 * MS);
            assertThat(d).isInstanceOf(Fence.class);
        }

        @Test
        void a_pause_shorter_than_the_deadline_just_renews() {
            var self = local("pg-0", primary(1, "0/3000000"), leader(T0));
            assertThat(decide(view(seen(mine, T0), List.of()), self, T0 + 2900 * MS)).isInstanceOf(RenewLease.class);
        }

        @Test
        void the_fence_applies_even_in_maintenance_mode_and_during_a_long_action() {
            var busy = leader(T0).withAction(new AgentMemory.Action("promote", "promoting", T0));
            var v = new ClusterView(unreadable(mine, T0), List.of(), Fixtures.async(), true);
            assertThat(decide(v, local("pg-0", primary(1, "0/3000000"), busy), T0 + 3 * S)).isInstanceOf(Fence.class);
        }

        @Test
        void after_fencing_a_holder_re_validates_by_a_conditional_write_before_restarting() {
            var self = local("pg-0", stopped(DataDirectory.PRIMARY, 1), leader(T0));
            var d = decide(view(seen(mine, T0 + 4 * S), List.of()), self, T0 + 4 * S);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).contains("my renew deadline passed", "re-validating the lease");
        }

        @Test
        void postgres_running_as_primary_without_a_renewed_lease_is_stopped() {
            var d = decide(view(seen(lease("pg-1", "8"), T0), List.of()), local("pg-0", primary(1, "0/3000000"),
                    fresh()), T0);
            assertThat(d).isInstanceOf(Demote.class);
            assertThat(d.reason()).contains("holds no lease it renewed", "held by pg-1");
        }
    }

    @Nested
    @DisplayName("restart in the middle of a takeover")
    class Restart {
        @Test
        void an_agent_that_restarts_holding_the_lease_re_validates_it_before_promoting() {
            var self = local("pg-1", replica(1, "0/3000000", null, false), fresh());
            var d = decide(view(seen(lease("pg-1", "9"), T0), List.of()), self, T0);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).contains("has not renewed it since it started", "before touching Postgres");
            // once the conditional write succeeded it promotes
            var after = local("pg-1", replica(1, "0/3000000", null, false), fresh().withLastRenewSentNanos(T0));
            assertThat(decide(view(seen(lease("pg-1", "10"), T0), List.of()), after, T0 + 10 * MS))
                    .isInstanceOf(Promote.class);
        }

        @Test
        void a_restarted_old_primary_on_a_timeline_behind_the_lease_releases_instead_of_leading() {
            var self = local("pg-0", stopped(DataDirectory.PRIMARY, 1), fresh());
            var d = decide(view(seen(lease("pg-0", "9", 2, "0/5000000", List.of()), T0), List.of()), self, T0);
            assertThat(d).isInstanceOf(ReleaseLease.class);
            assertThat(d.reason()).contains("stale primary must never lead");
        }
    }

    @Nested
    @DisplayName("failover")
    class Failover {
        LeaseRecord expired = lease("pg-0", "7", 1, "0/3000000", List.of());
        long later = T0 + 6 * S;

        @Test
        void the_replica_with_the_most_wal_takes_the_expired_lease() {
            var v = view(seen(expired, T0), List.of(peerDown("pg-0"), peerReplica("pg-2", 1, "0/2FFFF00")));
            var d = decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d).isInstanceOf(Acquire.class);
            assertThat(d.reason()).contains("expired (unchanged for 6.0 s on my clock", "I rank first among 2");
            assertThat(((Acquire) d).intent().syncStandbys()).isEmpty();
            assertThat(((Acquire) d).intent().timeline()).isEqualTo(1);
        }

        @Test
        void a_replica_behind_a_peer_holds() {
            var v = view(seen(expired, T0), List.of(peerReplica("pg-2", 1, "0/3000100")));
            var d = decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("pg-2 ranks ahead of me");
        }

        @Test
        void a_replica_lagging_more_than_the_maximum_may_not_race() {
            var v = view(seen(lease("pg-0", "7", 1, "0/9000000", List.of()), T0), List.of());
            var d = decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("bytes behind the leader's last published position 0/9000000");
        }

        @Test
        void a_replica_on_an_older_timeline_may_not_race() {
            var v = view(seen(lease("pg-0", "7", 3, "0/3000000", List.of()), T0), List.of());
            var d = decide(v, local("pg-1", replica(2, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d.reason()).contains("on timeline 2, behind the cluster's 3");
        }

        @Test
        void nobody_races_while_a_peer_reports_running_as_primary() {
            var v = view(seen(expired, T0), List.of(peerPrimary("pg-0", 1, "0/3000000")));
            var d = decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d.reason()).contains("pg-0 reports running as primary; not racing");
        }

        @Test
        void in_required_sync_only_a_published_synchronous_standby_may_take_over() {
            var required = settings(ReplicationMode.REQUIRED_SYNC);
            var r = lease("pg-0", "7", 1, "0/3000000", List.of("pg-2"));
            var notSync = decide(view(seen(r, T0), List.of(peerDown("pg-2")), required),
                    local("pg-1", replica(1, "0/4000000", "pg-0", false), fresh()), later);
            assertThat(notSync).isInstanceOf(Hold.class);
            assertThat(notSync.reason()).contains("required-sync allows only a published synchronous standby");
            // pg-2 is published: it races although pg-1 has more WAL (pg-1 is not eligible, so it is not ranked)
            var sync = decide(view(seen(r, T0), List.of(peerReplica("pg-1", 1, "0/4000000")), required),
                    local("pg-2", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(sync).isInstanceOf(Acquire.class);
        }

        @Test
        void in_required_sync_with_nobody_published_nobody_takes_over() {
            var required = settings(ReplicationMode.REQUIRED_SYNC);
            var d = decide(view(seen(expired, T0), List.of(), required),
                    local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(d.reason()).contains("none is published");
        }

        @Test
        void in_preferred_sync_a_non_empty_published_list_gates_promotion_and_an_empty_one_falls_back_to_lag() {
            var preferred = settings(ReplicationMode.PREFERRED_SYNC);
            var gated = decide(view(seen(lease("pg-0", "7", 1, "0/3000000", List.of("pg-2")), T0), List.of(), preferred),
                    local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(gated).isInstanceOf(Hold.class);
            var open = decide(view(seen(expired, T0), List.of(), preferred),
                    local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later);
            assertThat(open).isInstanceOf(Acquire.class);
        }

        @Test
        void a_stopped_replica_starts_in_recovery_to_take_part_in_the_race() {
            var d = decide(view(seen(expired, T0), List.of()), local("pg-1", stopped(DataDirectory.STANDBY, 1), fresh()),
                    later);
            assertThat(d).isEqualTo(new StartAsReplica("the lease of pg-0 expired (unchanged for 6.0 s on my clock,"
                    + " lease duration 5.0 s) and there is no leader to follow; starting Postgres in recovery to take"
                    + " part in the race", null));
        }

        @Test
        void an_old_primary_never_takes_the_lease_of_its_successor() {
            var d = decide(view(seen(lease("pg-1", "12", 2, "0/6000000", List.of()), T0), List.of()),
                    local("pg-0", stopped(DataDirectory.PRIMARY, 1), fresh()), later);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("Postgres is not running");
        }

        @Test
        void unreachable_peers_rank_last_and_do_not_block_the_race() {
            var v = view(seen(expired, T0), List.of(peerDown("pg-0"), peerDown("pg-2")));
            assertThat(decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), later))
                    .isInstanceOf(Acquire.class);
        }
    }

    @Nested
    @DisplayName("followers, rewind and consent")
    class Followers {
        LeaseRecord newLeader = lease("pg-1", "12", 2, "0/6000000", List.of());

        @Test
        void a_replica_of_the_old_leader_follows_the_new_one() {
            var d = decide(view(seen(newLeader, T0), List.of()), local("pg-2", replica(1, "0/5000000", "pg-0", false),
                    fresh()), T0);
            assertThat(d).isEqualTo(new Follow("following the leader pg-1 instead of pg-0", "pg-1"));
        }

        @Test
        void a_streaming_replica_holds_and_reports_its_lag() {
            var d = decide(view(seen(newLeader, T0), List.of()), local("pg-2", replica(2, "0/5FFFFF0", "pg-1", true),
                    fresh()), T0 + 400 * MS);
            assertThat(d).isEqualTo(new Hold("following pg-1 (lease unchanged for 0.4 s); streaming, 16 bytes behind"
                    + " its last published position"));
        }

        @Test
        void the_old_primary_rejoins_through_pg_rewind() {
            var d = decide(view(seen(newLeader, T0), List.of()), local("pg-0", stopped(DataDirectory.PRIMARY, 1), fresh()),
                    T0);
            assertThat(d).isInstanceOf(Rewind.class);
            assertThat(((Rewind) d).leader()).isEqualTo("pg-1");
        }

        @Test
        void an_old_primary_waits_for_the_new_leader_to_publish_its_promoted_timeline_before_rewinding() {
            var d = decide(view(seen(lease("pg-1", "12", 1, "0/6000000", List.of()), T0), List.of()),
                    local("pg-0", stopped(DataDirectory.PRIMARY, 1), fresh()), T0);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("waiting for pg-1 to publish a newer timeline");
        }

        @Test
        void a_failed_rewind_keeps_the_data_directory_until_the_user_consents() {
            var failed = fresh().withLastFailure(new AgentMemory.Failure("rewind", "could not find common ancestor", T0));
            var d = decide(view(seen(newLeader, T0 + 59 * S), List.of()), local("pg-0", stopped(DataDirectory.PRIMARY, 1),
                    failed), T0 + 60 * S);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("keeping the data directory", "tusk.dev/reinitialize");
            var consented = failed.withReinitializeConsent(true);
            assertThat(decide(view(seen(newLeader, T0 + 59 * S), List.of()), local("pg-0",
                    stopped(DataDirectory.PRIMARY, 1), consented), T0 + 60 * S)).isEqualTo(new Reinitialize("re-initializing with the user's consent:"
                    + " wiping my data directory and cloning pg-1", "pg-1"));
        }

        @Test
        void data_of_another_database_system_is_never_touched_without_consent() {
            var foreign = new PostgresState(DataDirectory.STANDBY, null, false, false, 1, "999", null, null, null, false,
                    null, List.of(), List.of(), List.of(), null);
            var d = decide(view(seen(newLeader, T0), List.of()), local("pg-2", foreign, fresh()), T0);
            assertThat(d).isInstanceOf(Hold.class);
            assertThat(d.reason()).contains("belongs to another database system", "keeping it untouched");
        }

        @Test
        void a_replica_that_cannot_stream_for_a_lease_duration_on_an_older_timeline_is_rewound() {
            var self = local("pg-2", replica(1, "0/5000000", "pg-1", false),
                    fresh().withNotStreamingSinceNanos(T0));
            assertThat(decide(view(seen(newLeader, T0 + 3 * S), List.of()), self, T0 + 4 * S)).isInstanceOf(Hold.class);
            assertThat(decide(view(seen(newLeader, T0 + 3 * S), List.of()), self, T0 + 5 * S)).isInstanceOf(Rewind.class);
        }

        @Test
        void a_failed_clone_is_retried_after_a_backoff() {
            var failed = fresh().withLastFailure(new AgentMemory.Failure("clone", "connection refused", T0));
            var v = view(seen(newLeader, T0), List.of());
            assertThat(decide(v, local("pg-2", PostgresState.empty(), failed), T0 + S)).isInstanceOf(Hold.class);
            assertThat(decide(v, local("pg-2", PostgresState.empty(), failed), T0 + 3 * S)).isInstanceOf(CloneFrom.class);
        }
    }

    @Nested
    @DisplayName("crash in place")
    class CrashInPlace {
        @Test
        void postgres_that_dies_on_the_leader_is_restarted_in_place_while_the_lease_is_held() {
            var mem = leader(T0).withPostgresDownSinceNanos(T0 + 100 * MS).withRestartsInPlace(2);
            var d = decide(view(seen(lease("pg-0", "7"), T0), List.of()), local("pg-0", stopped(DataDirectory.PRIMARY, 1),
                    mem), T0 + 300 * MS);
            assertThat(d).isEqualTo(new RestartInPlace("Postgres stopped on the leader while I hold the lease;"
                    + " restarting it in place (restart #3, down for 0.2 s)", 3));
        }

        @Test
        void the_lease_is_released_when_postgres_does_not_come_back_within_the_primary_start_timeout() {
            var mem = leader(T0 + 30 * S).withPostgresDownSinceNanos(T0);
            var d = decide(view(seen(lease("pg-0", "7"), T0), List.of()), local("pg-0", stopped(DataDirectory.PRIMARY, 1),
                    mem), T0 + 30 * S + MS);
            assertThat(d).isInstanceOf(ReleaseLease.class);
            assertThat(d.reason()).contains("primary start timeout 30.0 s");
        }

        @Test
        void a_busy_leader_keeps_renewing_and_otherwise_reports_busy() {
            var mem = leader(T0).withAction(new AgentMemory.Action("restart", "restarting Postgres in place", T0));
            var v = view(seen(lease("pg-0", "7"), T0), List.of());
            var self = local("pg-0", stopped(DataDirectory.PRIMARY, 1), mem);
            assertThat(decide(v, self, T0 + 100 * MS)).isInstanceOf(Busy.class);
            var d = decide(v, self, T0 + 1000 * MS);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(d.reason()).isEqualTo("renewing the lease while restarting Postgres in place runs");
        }
    }

    @Nested
    @DisplayName("switchover")
    class SwitchoverRules {
        @Test
        void the_leader_hands_over_to_the_named_streaming_replica() {
            var mem = leader(T0).withSwitchover(new AgentMemory.SwitchoverRequest("pg-2", T0));
            var v = view(seen(lease("pg-0", "7"), T0), List.of(peerStreaming("pg-1", 1, "0/3000000"),
                    peerStreaming("pg-2", 1, "0/2F00000")));
            var d = decide(v, local("pg-0", streamingTo("pg-1", "pg-2"), mem), T0 + 100 * MS);
            assertThat(d).isInstanceOf(Switchover.class);
            assertThat(((Switchover) d).target()).isEqualTo("pg-2");
        }

        @Test
        void without_a_candidate_the_best_replica_by_the_comparator_is_chosen() {
            var mem = leader(T0).withSwitchover(new AgentMemory.SwitchoverRequest(null, T0));
            var v = view(seen(lease("pg-0", "7"), T0), List.of(peerStreaming("pg-1", 1, "0/2000000"),
                    peerStreaming("pg-2", 1, "0/2F00000")));
            assertThat(((Switchover) decide(v, local("pg-0", streamingTo("pg-1", "pg-2"), mem), T0)).target())
                    .isEqualTo("pg-2");
        }

        @Test
        void a_candidate_that_the_leader_does_not_see_streaming_is_refused_whatever_it_reports() {
            var mem = leader(T0).withSwitchover(new AgentMemory.SwitchoverRequest("pg-2", T0));
            var v = view(seen(lease("pg-0", "7"), T0), List.of(peerStreaming("pg-2", 1, "0/3000000")));
            var d = decide(v, local("pg-0", streamingTo("pg-1"), mem), T0);
            assertThat(d).isInstanceOf(SwitchoverRejected.class);
            assertThat(d.reason()).contains("not streaming from the leader (pg_stat_replication)");
        }

        @Test
        void a_refusal_says_whether_asking_again_shortly_can_help() {
            var v = view(seen(lease("pg-0", "7"), T0), List.of(peerStreaming("pg-1", 1, "0/3000000"),
                    peerStreaming("pg-2", 1, "0/3000000")));
            var leader = local("pg-0", streamingTo("pg-1"), leader(T0));
            // pg-2 is not streaming yet: it reconnects by itself, so this refusal may pass
            var notYet = HaDecider.switchoverTarget(v, leader, "pg-2");
            assertThat(notYet.refusal()).isEqualTo(HaDecider.Refusal.NOT_YET);
            assertThat(notYet.retryable()).isTrue();
            // a name that is no member, or the leader itself, stays refused whatever happens next
            assertThat(HaDecider.switchoverTarget(v, leader, "pg-9").refusal()).isEqualTo(HaDecider.Refusal.FINAL);
            assertThat(HaDecider.switchoverTarget(v, leader, "pg-0").refusal()).isEqualTo(HaDecider.Refusal.FINAL);
            // a replica asked to switch over sends the caller to the leader
            var replica = local("pg-1", replica(1, "0/3000000", "pg-0", true), fresh());
            var notLeader = HaDecider.switchoverTarget(v, replica, "pg-2");
            assertThat(notLeader.refusal()).isEqualTo(HaDecider.Refusal.NOT_LEADER);
            assertThat(notLeader.error()).contains("pg-1 is not it");
            // the holder whose Postgres is promoting or restarting leads again in a moment: not yet, not "ask another"
            var restarting = local("pg-0", stopped(DataDirectory.PRIMARY, 1), leader(T0));
            assertThat(HaDecider.switchoverTarget(v, restarting, "pg-1").refusal()).isEqualTo(HaDecider.Refusal.NOT_YET);
            assertThat(HaDecider.switchoverTarget(v, leader, "pg-1").ok()).isTrue();
        }

        private PostgresState streamingTo(String... members) {
            return primaryWith(1, "0/3000000", java.util.Arrays.stream(members)
                    .map(m -> streaming(m, "0/3000000", 0)).toList(), List.of());
        }

        @Test
        void a_switchover_to_a_non_synchronous_standby_is_rejected_in_required_sync() {
            var mem = leader(T0).withSwitchover(new AgentMemory.SwitchoverRequest("pg-1", T0));
            var v = view(seen(lease("pg-0", "7", 1, "0/3000000", List.of("pg-2")), T0),
                    List.of(peerStreaming("pg-1", 1, "0/3000000"), peerStreaming("pg-2", 1, "0/3000000")),
                    settings(ReplicationMode.REQUIRED_SYNC));
            var d = decide(v, local("pg-0", primaryWith(1, "0/3000000",
                    List.of(streaming("pg-2", "0/3000000", 1)), List.of("pg-2")), mem), T0);
            assertThat(d).isInstanceOf(SwitchoverRejected.class);
            assertThat(d.reason()).contains("cannot switch over to pg-1", "published synchronous standby");
        }

        @Test
        void the_target_takes_a_handed_over_lease_at_once() {
            var d = decide(view(seen(released("20", "pg-2"), T0), List.of()),
                    local("pg-2", replica(1, "0/3000000", "pg-0", false), fresh()), T0);
            assertThat(d).isInstanceOf(Acquire.class);
            assertThat(d.reason()).contains("handed over to pg-2 (switchover)");
        }

        @Test
        void the_others_leave_a_handed_over_lease_to_the_target_for_one_lease_duration() {
            var v = view(seen(released("20", "pg-2"), T0), List.of(peerDown("pg-2")));
            var self = local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh());
            assertThat(decide(v, self, T0 + 4 * S)).isInstanceOf(Hold.class);
            assertThat(decide(v, self, T0 + 5 * S)).isInstanceOf(Acquire.class);
        }
    }

    @Nested
    @DisplayName("pause")
    class Pause {
        @Test
        void a_paused_leader_keeps_renewing_and_changes_nothing() {
            var v = new ClusterView(seen(lease("pg-0", "7"), T0), List.of(), Fixtures.async(), true);
            var d = decide(v, local("pg-0", primary(1, "0/3000000"), leader(T0)), T0 + S);
            assertThat(d).isInstanceOf(RenewLease.class);
            assertThat(((RenewLease) d).duties()).isEqualTo(LeaderDuties.NONE);
            assertThat(decide(v, local("pg-0", primary(1, "0/3000000"), leader(T0)), T0 + 100 * MS))
                    .isInstanceOf(Paused.class);
        }

        @Test
        void paused_replicas_neither_start_nor_race_for_an_expired_lease() {
            var v = new ClusterView(seen(lease("pg-0", "7"), T0), List.of(), Fixtures.async(), true);
            var stoppedReplica = decide(v, local("pg-1", stopped(DataDirectory.STANDBY, 1), fresh()), T0 + 60 * S);
            assertThat(stoppedReplica).isInstanceOf(Paused.class);
            var running = decide(v, local("pg-1", replica(1, "0/3000000", "pg-0", false), fresh()), T0 + 60 * S);
            assertThat(running).isInstanceOf(Paused.class);
        }

        @Test
        void a_paused_leader_whose_postgres_stopped_does_not_restart_it() {
            var v = new ClusterView(seen(lease("pg-0", "7"), T0), List.of(), Fixtures.async(), true);
            var d = decide(v, local("pg-0", stopped(DataDirectory.PRIMARY, 1), leader(T0)), T0 + 100 * MS);
            assertThat(d).isInstanceOf(Paused.class);
        }
    }

    @Test
    void a_healthy_or_busy_leader_logs_once_not_once_per_loop() {
        var renew = new RenewLease("leading on timeline 4; synchronous standbys pg-1; renewing the lease", null, null);
        var hold = new Hold("leading on timeline 4; synchronous standbys pg-1; lease renewed 0.1 s ago");
        assertThat(renew.signature()).isEqualTo(hold.signature());
        assertThat(new RenewLease("leading on timeline 5; renewing the lease", null, null).signature())
                .isNotEqualTo(hold.signature());
        var busyRenew = new RenewLease("renewing the lease while promoting Postgres runs", null, null);
        var busy = new Busy("promoting Postgres (running for 0.4 s)");
        assertThat(busyRenew.signature()).isEqualTo(busy.signature());
    }

    @Test
    void the_log_signature_ignores_changing_seconds_and_lsns_but_not_names() {
        var a = new Hold("following pg-1 (lease unchanged for 0.4 s); streaming, 16 bytes behind 0/3000000");
        var b = new Hold("following pg-1 (lease unchanged for 2.7 s); streaming, 0 bytes behind 0/30000A8");
        var c = new Hold("following pg-2 (lease unchanged for 2.7 s); streaming, 0 bytes behind 0/30000A8");
        assertThat(a.signature()).isEqualTo(b.signature());
        assertThat(a.signature()).isNotEqualTo(c.signature());
    }
}
