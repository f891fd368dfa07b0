package dev.tusk.runtime.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Computes a fault's write outage from the workload's commit log. Pure.
 *
 * <p>When a commit after the fault landed on a newer timeline than the one the primary was writing on when the
 * fault struck, the outage is the CNPG measure: the last acknowledged commit on the old timeline to the first on
 * a newer one. Otherwise (crash recovery in place keeps the timeline) it is the longest gap between two
 * consecutive acknowledged commits that ends after the fault.
 */
public final class OutageMeter {

    private OutageMeter() {
    }

    /**
     * @param commits   acknowledged commits in any order
     * @param faultAt   when the fault was injected
     * @return the outage, or empty when no commit preceded the fault (nothing to measure from)
     */
    public static Optional<Outage> measure(List<Commit> commits, Instant faultAt) {
        List<Commit> sorted = new ArrayList<>(commits);
        sorted.sort(Comparator.comparing(Commit::ackedAt).thenComparingLong(Commit::id));
        Commit lastBeforeFault = null;
        for (Commit c : sorted) {
            if (c.ackedAt().isAfter(faultAt)) {
                break;
            }
            lastBeforeFault = c;
        }
        if (lastBeforeFault == null) {
            return Optional.empty();
        }
        int oldTimeline = lastBeforeFault.timeline();
        Optional<Commit> firstNew = sorted.stream()
                .filter(c -> c.ackedAt().isAfter(faultAt) && c.timeline() > oldTimeline)
                .findFirst();
        if (firstNew.isPresent()) {
            Commit lastOld = sorted.stream()
                    .filter(c -> c.timeline() == oldTimeline && !c.ackedAt().isAfter(firstNew.get().ackedAt()))
                    .reduce((a, b) -> b)
                    .orElse(lastBeforeFault);
            return Optional.of(new Outage(lastOld, firstNew, true));
        }
        Commit gapStart = lastBeforeFault;
        Commit gapEnd = null;
        Duration longest = Duration.ofNanos(-1);
        Commit previous = lastBeforeFault;
        for (Commit c : sorted) {
            if (!c.ackedAt().isAfter(lastBeforeFault.ackedAt()) || c == lastBeforeFault) {
                continue;
            }
            Duration gap = Duration.between(previous.ackedAt(), c.ackedAt());
            if (gap.compareTo(longest) > 0) {
                longest = gap;
                gapStart = previous;
                gapEnd = c;
            }
            previous = c;
        }
        return Optional.of(new Outage(gapStart, Optional.ofNullable(gapEnd), false));
    }
}
