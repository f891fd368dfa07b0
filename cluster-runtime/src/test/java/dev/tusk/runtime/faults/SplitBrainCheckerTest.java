package dev.tusk.runtime.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker against real PostgreSQL servers on this host: it must see split brain when there is one, and only then. */
class SplitBrainCheckerTest {

    private static SplitBrainReport sample(Map<String, PgEndpoint> members, Duration forHowLong) {
        SplitBrainChecker checker = new SplitBrainChecker(SplitBrainChecker.fixed(members), Duration.ofMillis(100),
                Duration.ofMillis(500));
        checker.start();
        Workload.sleepQuietly(forHowLong);
        return checker.stop();
    }

    @Test
    void twoIndependentWritableServersAreSplitBrainAtNearlyEveryInstant() throws Exception {
        try (HostPostgres a = HostPostgres.primary(""); HostPostgres b = HostPostgres.primary("")) {
            Workload.prepare(a.endpoint());
            Workload.prepare(b.endpoint());

            SplitBrainReport r = sample(Map.of("a", a.endpoint(), "b", b.endpoint()), Duration.ofSeconds(3));

            // a tick whose probes did not both answer in time counts as no answer, not as split brain: on a loaded
            // machine that is a few ticks, so "nearly every instant" is asserted as more than a third
            assertThat(r.ticks()).isGreaterThan(15);
            assertThat(r.splitBrainInstants()).isGreaterThan((int) (r.ticks() / 3));
            assertThat(r.splitBrain().get(0).writers()).hasSize(2);
        }
    }

    @Test
    void aPrimaryAndItsStreamingStandbyAreNeverSplitBrain() throws Exception {
        try (HostPostgres primary = HostPostgres.primary("");
             HostPostgres standby = HostPostgres.standbyOf(primary)) {
            Workload.prepare(primary.endpoint());

            SplitBrainReport r = sample(Map.of("primary", primary.endpoint(), "standby", standby.endpoint()),
                    Duration.ofSeconds(2));

            assertThat(r.splitBrainInstants()).isZero();
            assertThat(r.outcomes().get("primary")).containsKey(ProbeOutcome.ACCEPTED);
            // a tick that finds its prober still connecting counts as no answer; never as a write
            assertThat(r.outcomes().get("standby")).containsKey(ProbeOutcome.READ_ONLY)
                    .doesNotContainKey(ProbeOutcome.ACCEPTED);
        }
    }

    @Test
    void aPrimaryWhoseCommitsWaitForAMissingSynchronousStandbyDoesNotAcceptWrites() throws Exception {
        try (HostPostgres blocked = HostPostgres.primary("");
             HostPostgres writable = HostPostgres.primary("")) {
            Workload.prepare(blocked.endpoint());
            Workload.prepare(writable.endpoint());
            blocked.appendConf("synchronous_standby_names = 'ANY 1 (\"tusk_no_sync_standby\")'");
            blocked.reload();
            Workload.sleepQuietly(Duration.ofMillis(300));

            SplitBrainReport r = sample(Map.of("blocked", blocked.endpoint(), "writable", writable.endpoint()),
                    Duration.ofSeconds(2));

            assertThat(r.splitBrainInstants()).isZero();
            assertThat(r.outcomes().get("blocked")).doesNotContainKey(ProbeOutcome.ACCEPTED)
                    .containsKey(ProbeOutcome.BLOCKED);
            assertThat(r.outcomes().get("writable")).containsKey(ProbeOutcome.ACCEPTED);
        }
    }

    @Test
    void aStoppedServerIsUnreachableNotWritable() throws Exception {
        try (HostPostgres a = HostPostgres.primary("")) {
            Workload.prepare(a.endpoint());
            PgEndpoint gone = a.endpoint();
            a.stopImmediate();

            SplitBrainReport r = sample(Map.of("gone", gone), Duration.ofMillis(500));

            assertThat(r.outcomes().get("gone")).containsKey(ProbeOutcome.UNREACHABLE)
                    .doesNotContainKey(ProbeOutcome.ACCEPTED);
        }
    }

    @Test
    void summaryCountsOnlyInstantsWithTwoAcceptedWrites() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<ProbeSample> samples = List.of(
                new ProbeSample(0, t, "a", "ip-a", ProbeOutcome.ACCEPTED, 1, ""),
                new ProbeSample(0, t, "b", "ip-b", ProbeOutcome.READ_ONLY, 1, ""),
                new ProbeSample(1, t.plusMillis(100), "a", "ip-a", ProbeOutcome.ACCEPTED, 1, ""),
                new ProbeSample(1, t.plusMillis(100), "b", "ip-b", ProbeOutcome.ACCEPTED, 1, ""),
                new ProbeSample(2, t.plusMillis(200), "a", "ip-a", ProbeOutcome.BLOCKED, 1, ""),
                new ProbeSample(2, t.plusMillis(200), "b", "ip-b", ProbeOutcome.ACCEPTED, 1, ""));

        SplitBrainReport r = SplitBrainChecker.summarize(3, samples);

        assertThat(r.splitBrainInstants()).isEqualTo(1);
        assertThat(r.splitBrain().get(0).tick()).isEqualTo(1);
        assertThat(r.splitBrain().get(0).writers()).containsExactly("a@ip-a", "b@ip-b");
    }
}
