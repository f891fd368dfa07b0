package dev.tusk.app.logic.operations;

import dev.tusk.app.model.Message;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * An operation stopped because it was cancelled, after cleaning up: {@link #summary()} says what it undid or left
 * (e.g. "the create was cancelled; the 14 objects and 1 data volume it had made were deleted").
 */
public final class OperationCancelledException extends CancellationException {

    private final transient Message summary;

    public OperationCancelledException(Message summary) {
        super(summary.key());
        this.summary = Objects.requireNonNull(summary);
    }

    public Message summary() {
        return summary;
    }
}
