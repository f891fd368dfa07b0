package dev.tusk.runtime.faults;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the split-brain checker saw.
 *
 * @param ticks      sampling instants run
 * @param splitBrain the instants at which two or more instances accepted a write, with who
 * @param outcomes   per member, how often each outcome was seen
 */
public record SplitBrainReport(long ticks, List<Instant_> splitBrain, Map<String, Map<ProbeOutcome, Integer>> outcomes) {

    /** One split-brain instant. */
    public record Instant_(long tick, Instant at, List<String> writers) {
    }

    public SplitBrainReport {
        splitBrain = List.copyOf(splitBrain);
        Map<String, Map<ProbeOutcome, Integer>> copy = new TreeMap<>();
        outcomes.forEach((k, v) -> copy.put(k, new EnumMap<>(v)));
        outcomes = copy;
    }

    public int splitBrainInstants() {
        return splitBrain.size();
    }

    /** How many samples of any member were accepted writes. */
    public int acceptedSamples() {
        return outcomes.values().stream().mapToInt(m -> m.getOrDefault(ProbeOutcome.ACCEPTED, 0)).sum();
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(ticks).append(" instants, ").append(splitBrain.size()).append(" with two writable instances");
        outcomes.forEach((member, m) -> b.append("; ").append(member).append(' ').append(m));
        if (!splitBrain.isEmpty()) {
            b.append("; first at ").append(splitBrain.get(0).at()).append(' ').append(splitBrain.get(0).writers());
        }
        return b.toString();
    }
}
