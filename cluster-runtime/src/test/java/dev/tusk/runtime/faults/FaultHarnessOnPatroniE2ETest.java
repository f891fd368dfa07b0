package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.testbed.Testbed;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault harness proven on a real HA system on the testbed: Patroni (trixie's package, tuned timings,
 * synchronous_mode_strict), 3 members. Every fault of issue 4 is injected once into the primary: it must interrupt
 * writes, the cluster must heal, the checker must see no split brain and no acknowledged write may be lost.
 * (The same rounds against Tusk clusters are the agent's own e2e tests.)
 */
@OnTestbed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultHarnessOnPatroniE2ETest {

    private PatroniCluster cluster;
    private final AtomicInteger round = new AtomicInteger();

    @BeforeAll
    void aPatroniClusterRunsOnTheTestbed(TestNamespace namespace, Testbed testbed) throws Exception {
        assumeTrue(testbed.source() == Testbed.Source.LOCAL_TESTBED,
                "the faults act on the node's processes: they need the local testbed, not " + testbed.source());
        Shell.run(RepoFiles.resolve("testbed/images/patroni/build").toString(), "--import").orThrow("building the Patroni image");
        cluster = new PatroniCluster(namespace.client(), namespace.name(), PatroniCluster.Profile.TUNED, true);
        cluster.deploy();
    }

    @AfterAll
    void deleteTheCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postmaster-kill", "agent-kill", "pod-delete", "api-cutoff", "freeze"})
    void eachFaultInterruptsWritesAndTheClusterHealsWithoutSplitBrainOrLostWrites(String fault) throws Exception {
        RoundResult r = new FaultRound(cluster, FaultRound.Timing.DEFAULT, System.err::println)
                .run(Faults.create(fault), round.incrementAndGet());

        assertThat(r.failedAttempts()).as("writes were interrupted by " + fault).isPositive();
        assertThat(r.outage()).as("writes came back after " + fault).isPresent();
        assertThat(r.splitBrainInstants()).as("instants with two writable members").isZero();
        assertThat(r.lost()).as("acknowledged writes lost in required-sync").isZero();
        assertThat(r.acknowledged()).isPositive();
    }
}
