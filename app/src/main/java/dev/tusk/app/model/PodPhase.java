package dev.tusk.app.model;

/** A pod's phase as Kubernetes reports it, plus the two states a DBA needs to see besides. */
public enum PodPhase {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    UNKNOWN,
    /** The pod is being deleted (it has a deletion timestamp). */
    TERMINATING,
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
