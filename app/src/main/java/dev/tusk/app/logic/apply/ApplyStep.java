package dev.tusk.app.logic.apply;

/**
 * What happened to one object during an apply or delete, for progress lists and logs.
 *
 * @param object  {@code Kind/name}
 * @param outcome what happened
 * @param detail  a sentence for FAILED and ROLLBACK_FAILED (the explained API error, English); otherwise empty
 * @param cause   the API error behind FAILED or ROLLBACK_FAILED, so the app can explain it in the user's language;
 *                null otherwise
 */
public record ApplyStep(String object, Outcome outcome, String detail,
                        io.fabric8.kubernetes.client.KubernetesClientException cause) {

    public ApplyStep(String object, Outcome outcome, String detail) {
        this(object, outcome, detail, null);
    }

    public enum Outcome {
        /** The server-side dry run accepted the object. */
        CHECKED,
        CREATED,
        /** It existed and the apply changed it. */
        CONFIGURED,
        /** It existed and the apply changed nothing (same resourceVersion). */
        UNCHANGED,
        /** A create-only object (Lease, primary EndpointSlice) that already exists: its owners, the agents, keep it. */
        LEFT_ALONE,
        FAILED,
        /** Created by this run and deleted again after a later failure. */
        ROLLED_BACK,
        ROLLBACK_FAILED,
        DELETED,
        /** Not deleted on purpose (a data volume kept). */
        KEPT
    }

    public static ApplyStep of(String object, Outcome outcome) {
        return new ApplyStep(object, outcome, "");
    }

    @Override
    public String toString() {
        return object + " " + outcome.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + (detail.isEmpty() ? "" : ": " + detail);
    }
}
