package dev.tusk.app.logic.tasks;

/**
 * Runs background work. The app has one; tests pass {@link CurrentThreadTaskExecutor} so the same code runs
 * deterministically. Callbacks ({@code onSuccess}, {@code onFailure}, {@code onProgress}) are delivered through the
 * executor's callback executor: the desktop app hands in its FX-thread bridge, the CLI and tests run them inline.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Starts the task and returns a handle that can cancel it. Never blocks the caller. */
    <T> TaskHandle execute(BackgroundTask<T> task);

    /** Stops accepting work and interrupts what still runs. */
    @Override
    void close();
}
