package dev.tusk.app.logic.apply;

import java.util.List;

/**
 * An apply or delete that failed, explained in words, with every step taken (including a rollback's). The message
 * is an English sentence (logs, tests); {@link #object()}, {@link #aftermath()} and {@link #leftovers()} carry the
 * same facts for a translated explanation.
 */
public final class ApplyException extends RuntimeException {

    /** What the failed run left behind. */
    public enum Aftermath {
        /** nothing was written */
        NOTHING_CHANGED,
        /** a new cluster: everything this run created was deleted again */
        ROLLED_BACK,
        /** a new cluster: some objects could not be deleted again ({@link #leftovers()}) */
        ROLLBACK_INCOMPLETE,
        /** an existing cluster keeps running; {@link #alreadyApplied()} objects were applied */
        EXISTING_KEEPS_RUNNING,
        /** everything else was applied; only the pruning of one object failed */
        REST_APPLIED,
        /** a delete stopped; the ConfigMap (deleted last) still lists the cluster */
        DELETE_STOPPED,
        /** objects of the same names exist without being part of the cluster ({@link #leftovers()} names them) */
        FOREIGN_OBJECTS
    }

    private final transient List<ApplyStep> steps;
    private final String object;
    private final Aftermath aftermath;
    private final List<String> leftovers;
    private final long alreadyApplied;

    public ApplyException(String message, List<ApplyStep> steps, Throwable cause, String object, Aftermath aftermath,
                          List<String> leftovers, long alreadyApplied) {
        super(message, cause);
        this.steps = List.copyOf(steps);
        this.object = object;
        this.aftermath = aftermath;
        this.leftovers = List.copyOf(leftovers);
        this.alreadyApplied = alreadyApplied;
    }

    public List<ApplyStep> steps() {
        return steps;
    }

    /** The object (e.g. {@code StatefulSet/hippo-instance1-0}) whose call failed; null when not one object. */
    public String object() {
        return object;
    }

    /** What was left behind; null when unknown. */
    public Aftermath aftermath() {
        return aftermath;
    }

    /** Objects left behind (ROLLBACK_INCOMPLETE) or in the way (FOREIGN_OBJECTS). */
    public List<String> leftovers() {
        return leftovers;
    }

    /** Kubernetes refused to change a field that cannot change on an existing object (see {@link ApiErrors}). */
    public boolean immutableFieldChange() {
        return getCause() instanceof io.fabric8.kubernetes.client.KubernetesClientException k
                && ApiErrors.immutableFieldChange(k);
    }

    /** EXISTING_KEEPS_RUNNING: how many objects were already applied. */
    public long alreadyApplied() {
        return alreadyApplied;
    }
}
