package dev.tusk.app.model;

/**
 * A pod's phase as Kubernetes reports it, plus the two states a DBA needs to see besides. Declared in the order
 * summaries list them: healthy first.
 */
public enum PodPhase {
    RUNNING,
    PENDING,
    /** The pod is being deleted (it has a deletion timestamp). */
    TERMINATING,
    FAILED,
    SUCCEEDED,
    UNKNOWN,
    /** The cluster's spec names this instance, but no pod exists. */
    MISSING;

    public static PodPhase fromKubernetes(String phase) {
        if (phase == null) {
            return UNKNOWN;
        }
        return switch (phase) {
            case "Pending" -> PENDING;
            case "Running" -> RUNNING;
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            default -> UNKNOWN;
        };
    }
}
