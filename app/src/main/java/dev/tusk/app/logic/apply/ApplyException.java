package dev.tusk.app.logic.apply;

import java.util.List;

/**
 * An apply or delete that failed, explained in words, with every step taken (including a rollback's).
 */
public final class ApplyException extends RuntimeException {

    private final transient List<ApplyStep> steps;

    public ApplyException(String message, List<ApplyStep> steps, Throwable cause) {
        super(message, cause);
        this.steps = List.copyOf(steps);
    }

    public List<ApplyStep> steps() {
        return steps;
    }
}
