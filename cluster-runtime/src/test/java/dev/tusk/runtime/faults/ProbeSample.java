package dev.tusk.runtime.faults;

import java.time.Instant;

/** One probe of one instance in one tick of the split-brain checker. */
public record ProbeSample(long tick, Instant tickAt, String member, String address, ProbeOutcome outcome,
                          long latencyMillis, String detail) {
}
