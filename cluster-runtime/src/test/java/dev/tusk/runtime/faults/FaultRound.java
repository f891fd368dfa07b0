package dev.tusk.runtime.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one fault round as a runbook: wait until the cluster is healthy; start the checker and the workload; inject
 * the fault into the primary; hold a persistent fault until writes come back (or a limit), then heal; wait until
 * the cluster is healthy again with the checker still sampling; stop; count lost writes on the final primary.
 */
public final class FaultRound {

    /** Timing of a round. */
    public record Timing(Duration baseline, Duration holdLimit, Duration afterRecovery, Duration healTimeout) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(3), Duration.ofSeconds(120),
                Duration.ofSeconds(2), Duration.ofSeconds(240));
    }

    private final HaCluster cluster;
    private final Timing timing;
    private final Consumer<String> log;

    public FaultRound(HaCluster cluster, Timing timing, Consumer<String> log) {
        this.cluster = cluster;
        this.timing = timing;
        this.log = log;
    }

    public RoundResult run(Fault fault, int round) throws Exception {
        String primary = ClusterState.awaitHealthy(cluster, timing.healTimeout());
        Workload.prepare(cluster.memberEndpoints().get(primary));
        String note = "";
        try (MemberCache members = new MemberCache(cluster, 300)) {
            SplitBrainChecker checker = SplitBrainChecker.defaults(members);
            Workload workload = Workload.defaults(cluster::primaryRoute, round);
            checker.start();
            workload.start();
            try {
                Workload.sleepQuietly(timing.baseline());
                if (workload.lastCommit() == null) {
                    throw new IllegalStateException("no write through " + cluster.primaryRoute()
                            + " succeeded before the fault: " + workload.lastError());
                }
                Instant faultAt = Instant.now();
                log.accept(cluster.label() + " round " + round + ": " + fault.description() + " on " + primary);
                try {
                    fault.inject(cluster, primary);
                    boolean resumed = awaitWritesResumed(workload, faultAt, timing.holdLimit());
                    if (!resumed) {
                        note = "writes did not resume within " + timing.holdLimit().toSeconds() + " s";
                    }
                    Workload.sleepQuietly(timing.afterRecovery());
                } finally {
                    fault.heal();
                }
                String newPrimary = ClusterState.awaitHealthy(cluster, timing.healTimeout());
                Workload.sleepQuietly(timing.afterRecovery());
                List<Commit> acked = workload.stop();
                SplitBrainReport split = checker.stop();
                Optional<Outage> outage = OutageMeter.measure(acked, faultAt);
                LossReport loss = LossChecker.check(cluster.memberEndpoints().get(newPrimary), round, acked);
                if (split.splitBrainInstants() > 0) {
                    note = (note.isEmpty() ? "" : note + "; ") + "split brain: " + split.describe();
                }
                if (!loss.lost().isEmpty()) {
                    note = (note.isEmpty() ? "" : note + "; ") + "lost: " + loss.describe();
                }
                RoundResult r = new RoundResult(cluster.label(), fault.name(), round,
                        outage.flatMap(Outage::duration), outage.map(Outage::timelineChanged).orElse(false),
                        split.splitBrainInstants(), loss.lost().size(), loss.inDoubt().size(), loss.acknowledged(),
                        workload.failuresAfter(faultAt), primary, newPrimary, note);
                log.accept(r.describe() + outage.map(o -> " [" + o.describe() + "]").orElse(""));
                log.accept("  checker: " + split.describe() + "; workload: " + workload.attempts() + " attempts, "
                        + workload.failures() + " failed");
                return r;
            } finally {
                workload.stop();
                checker.stop();
            }
        }
    }

    /** True once a write was acknowledged after the first failure that followed the fault. */
    private static boolean awaitWritesResumed(Workload workload, Instant faultAt, Duration limit) {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            Optional<Instant> firstFailure = workload.firstFailureAfter(faultAt);
            Commit last = workload.lastCommit();
            if (firstFailure.isPresent() && last != null && last.ackedAt().isAfter(firstFailure.get())) {
                return true;
            }
            // a fault whose effect the workload never felt (no failure at all) also counts once writes flow
            if (firstFailure.isEmpty() && Instant.now().isAfter(faultAt.plusSeconds(30)) && last != null
                    && last.ackedAt().isAfter(faultAt.plusSeconds(29))) {
                return true;
            }
            Workload.sleepQuietly(Duration.ofMillis(50));
        }
        return false;
    }
}
