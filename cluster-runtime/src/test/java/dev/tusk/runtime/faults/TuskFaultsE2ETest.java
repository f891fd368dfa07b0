package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The five faults of issue 4 on a Tusk cluster in pods (required-sync, built from the agent image), each once, with
 * the fault harness: a workload of uniquely numbered inserts through the primary Service, and the checker sampling
 * every member directly at its pod IP. Every round: no instant with two members accepting a write, no acknowledged
 * write lost. Outages are printed; {@code testbed/chaos} repeats the rounds for as long as asked.
 */
@OnTestbed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TuskFaultsE2ETest {

    private static TuskCluster cluster;
    private static final List<RoundResult> results = new ArrayList<>();

    @BeforeAll
    static void requiredSyncCluster(TestNamespace ns) throws Exception {
        // the harness's own Tusk cluster (renderer, throw-away credentials, TUSK_AGENT_IMAGE when set); the test
        // namespace, and the cluster in it, is deleted by the testbed extension
        cluster = (TuskCluster) TuskClusters.create(ns.client(), ns.name(), true);
        cluster.deploy();
    }

    @AfterAll
    static void summary() {
        System.out.println("fault rounds on " + (cluster == null ? "?" : cluster.describe()) + ":");
        results.forEach(r -> System.out.println("  " + r.describe()));
    }

    private static RoundResult round(String fault, int round) throws Exception {
        RoundResult r = new FaultRound(cluster, FaultRound.Timing.DEFAULT, System.out::println)
                .run(Faults.create(fault), round);
        results.add(r);
        assertThat(r.splitBrainInstants()).as("instants with two members accepting writes: " + r.note()).isZero();
        assertThat(r.lost()).as("acknowledged writes lost (required-sync): " + r.note()).isZero();
        assertThat(r.outage()).as("writes came back: " + r.note()).isPresent();
        assertThat(r.acknowledged()).isPositive();
        return r;
    }

    @Test
    @Order(1)
    void kill_9_of_the_primarys_postmaster_is_healed_in_place() throws Exception {
        RoundResult r = round("postmaster-kill", 1);
        assertThat(r.newPrimary()).as("restarted in place, same leader").isEqualTo(r.oldPrimary());
    }

    @Test
    @Order(2)
    void kill_of_the_primarys_agent_fails_over() throws Exception {
        round("agent-kill", 2);
    }

    @Test
    @Order(3)
    void deletion_of_the_primary_pod_fails_over() throws Exception {
        round("pod-delete", 3);
    }

    @Test
    @Order(4)
    void the_primary_cut_off_from_the_api_server_fences_itself_before_a_replica_takes_over() throws Exception {
        // when the cut heals before the lease expires the old leader may re-validate and restart in place instead
        round("api-cutoff", 4);
    }

    @Test
    @Order(5)
    void the_primary_frozen_and_thawed_never_accepts_a_write_next_to_the_new_primary() throws Exception {
        RoundResult r = round("freeze", 5);
        assertThat(r.newPrimary()).isNotEqualTo(r.oldPrimary());
    }
}
