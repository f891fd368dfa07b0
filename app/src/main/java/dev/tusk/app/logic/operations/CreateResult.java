package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.apply.ApplyStep;
import java.time.Duration;
import java.util.List;

/**
 * What a create did.
 *
 * @param namespace            the namespace
 * @param cluster              the cluster
 * @param outcome              how it ended
 * @param primaryPod           the pod that accepted the write, or {@code null} when the create did not wait
 * @param toWritable           from the start of the create to the first committed write through the primary route,
 *                             or {@code null} when it did not wait
 * @param elapsed              the whole create
 * @param applied              every object step (created, unchanged…)
 * @param generatedCredentials credentials made new (names only, never values)
 */
public record CreateResult(String namespace, String cluster, Outcome outcome, String primaryPod, Duration toWritable,
                           Duration elapsed, List<ApplyStep> applied, List<String> generatedCredentials) {

    public enum Outcome {
        /** Created (or resumed) and the primary accepted a write. */
        WRITABLE,
        /** Created; not waited for (the agents carry on without the app). */
        APPLIED,
        /** The cluster already existed with exactly this spec; nothing was changed. */
        ALREADY_EXISTS
    }

    public CreateResult {
        applied = List.copyOf(applied);
        generatedCredentials = List.copyOf(generatedCredentials);
    }
}
