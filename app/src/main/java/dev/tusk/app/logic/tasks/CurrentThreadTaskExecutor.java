package dev.tusk.app.logic.tasks;

/**
 * Runs every task and its callbacks at once on the calling thread, so code built on {@link TaskExecutor} is
 * deterministic in tests. Not for production: the caller blocks until the work is done.
 */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        RunningTask<T> running = new RunningTask<>(task, Runnable::run);
        running.run();
        return running;
    }

    @Override
    public void close() {
        // nothing runs in the background
    }
}
