package dev.tusk.runtime.faults;

import java.time.Duration;
import java.util.Optional;

/**
 * The write outage a fault caused, as the workload saw it through the primary route.
 *
 * @param lastBefore the last acknowledged commit before the gap (on the old timeline when the timeline changed)
 * @param firstAfter the first acknowledged commit after the gap (the first on the new timeline when it changed),
 *                   empty when writes never came back within the observation window
 */
public record Outage(Commit lastBefore, Optional<Commit> firstAfter, boolean timelineChanged) {

    /** The gap between the two commits; empty when writes did not come back. */
    public Optional<Duration> duration() {
        return firstAfter.map(f -> {
            Duration d = Duration.between(lastBefore.ackedAt(), f.ackedAt());
            return d.isNegative() ? Duration.ZERO : d;
        });
    }

    public String describe() {
        return firstAfter.map(f -> String.format(java.util.Locale.ROOT,
                        "%.3f s from id %d (timeline %d, %s) to id %d (timeline %d, %s)%s",
                        duration().orElseThrow().toNanos() / 1e9, lastBefore.id(), lastBefore.timeline(),
                        lastBefore.server(), f.id(), f.timeline(), f.server(),
                        timelineChanged ? ", new timeline" : ", same timeline"))
                .orElse("writes did not come back after id " + lastBefore.id());
    }
}
