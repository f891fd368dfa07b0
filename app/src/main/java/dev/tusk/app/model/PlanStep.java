package dev.tusk.app.model;

import java.util.Objects;

/**
 * One step an operation will take, shown before it runs (a dry run in words): "switch over from A to B first",
 * "remove instance C and its data volume", "restart replica D".
 *
 * @param kind    what kind of step
 * @param subject what it acts on (instance, pod, claim)
 * @param text    the sentence the user reads
 */
public record PlanStep(Kind kind, String subject, Message text) {

    public enum Kind {
        /** New instances (StatefulSets, data volumes, pods) are created. */
        ADD_INSTANCE,
        /** The primary moves to another instance before something else happens. */
        SWITCHOVER,
        /** An instance's StatefulSet (and, if chosen, its data volume) is deleted. */
        REMOVE_INSTANCE,
        /** A data volume is grown in place. */
        GROW_VOLUME,
        /** An instance's StatefulSet is deleted while its pod keeps running, and created again with the new claim size. */
        RECREATE_STATEFULSET,
        /** A pod is deleted and comes back (restart). */
        RESTART_POD,
        /** The cluster's spec (ConfigMap) and objects are applied. */
        APPLY_SPEC,
        /** A short write outage is expected here. */
        WRITE_OUTAGE
    }

    public PlanStep {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        subject = subject == null ? "" : subject;
    }
}
