package dev.tusk.app.logic.tasks;

/** A started {@link BackgroundTask}: it can be cancelled, and tells whether it has finished. */
public interface TaskHandle {

    /**
     * Cancels the task: its work is interrupted, and neither {@code onSuccess} nor {@code onFailure} runs afterwards;
     * {@code onCancelled} runs once instead. Cancelling a finished task does nothing.
     */
    void cancel();

    boolean isDone();

    boolean isCancelled();
}
