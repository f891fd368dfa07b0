package dev.tusk.app.logic.apply;

import java.util.List;

/**
 * @param newCluster           true when this apply created the cluster (its ConfigMap did not exist)
 * @param steps                every step, in order
 * @param generatedCredentials credentials made new (names only), e.g. "password of user app"
 */
public record ApplyResult(boolean newCluster, List<ApplyStep> steps, List<String> generatedCredentials) {
    public ApplyResult {
        steps = List.copyOf(steps);
        generatedCredentials = List.copyOf(generatedCredentials);
    }

    /** True when the apply changed no object (every step checked, unchanged or left alone). */
    public boolean changedNothing() {
        return steps.stream().allMatch(s -> s.outcome() == ApplyStep.Outcome.UNCHANGED
                || s.outcome() == ApplyStep.Outcome.LEFT_ALONE || s.outcome() == ApplyStep.Outcome.CHECKED);
    }
}
