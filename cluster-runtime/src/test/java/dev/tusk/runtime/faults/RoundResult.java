package dev.tusk.runtime.faults;

import java.time.Duration;
import java.util.Optional;

/**
 * One fault round: what the workload, the checker and the loss check saw.
 *
 * @param outage          write outage through the primary route; empty when writes never came back
 * @param timelineChanged whether writes resumed on a new timeline (a failover) or the old one (restart in place)
 * @param oldPrimary      the primary the fault hit
 * @param newPrimary      the primary after healing
 * @param failedAttempts  workload attempts that failed after the fault (zero: the fault did not touch writes)
 */
public record RoundResult(String system, String fault, int round, Optional<Duration> outage, boolean timelineChanged,
                          int splitBrainInstants, int lost, int inDoubt, int acknowledged, long failedAttempts,
                          String oldPrimary,
                          String newPrimary, String note) {

    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%s %s round %d: outage %s%s, %d split-brain instants, %s, primary %s -> %s%s",
                system, fault, round,
                outage.map(d -> String.format(java.util.Locale.ROOT, "%.2f s", d.toMillis() / 1000.0)).orElse("none measured"),
                timelineChanged ? " (new timeline)" : " (same timeline)", splitBrainInstants,
                acknowledged + " acknowledged, " + lost + " lost, " + inDoubt + " in doubt",
                oldPrimary, newPrimary, note.isEmpty() ? "" : "; " + note);
    }
}
