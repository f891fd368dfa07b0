package dev.tusk.app.model;

import dev.tusk.runtime.model.Labels;

/** An instance's role as its agent writes it into the pod label {@code tusk.dev/role}. */
public enum Role {
    PRIMARY,
    REPLICA,
    /** The agent says it does not know, or has not written the label yet. */
    UNKNOWN;

    public static Role fromLabel(String value) {
        if (Labels.ROLE_PRIMARY.equals(value)) {
            return PRIMARY;
        }
        if (Labels.ROLE_REPLICA.equals(value)) {
            return REPLICA;
        }
        return UNKNOWN;
    }
}
