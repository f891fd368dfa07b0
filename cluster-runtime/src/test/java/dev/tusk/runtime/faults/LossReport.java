package dev.tusk.runtime.faults;

import java.util.List;

/**
 * What the final primary holds compared with what the workload was told.
 *
 * @param acknowledged how many writes were acknowledged
 * @param lost         acknowledged ids missing from the final primary (must be empty in required-sync)
 * @param inDoubt      ids present but never acknowledged (allowed: the acknowledgement was lost, or the client
 *                     gave up while the commit was being made)
 */
public record LossReport(int acknowledged, List<Long> lost, List<Long> inDoubt) {

    public LossReport {
        lost = List.copyOf(lost);
        inDoubt = List.copyOf(inDoubt);
    }

    public String describe() {
        return acknowledged + " acknowledged, " + lost.size() + " lost"
                + (lost.isEmpty() ? "" : " " + preview(lost)) + ", " + inDoubt.size() + " in doubt";
    }

    private static String preview(List<Long> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + "…";
    }
}
