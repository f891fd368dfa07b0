package dev.tusk.app.logic.tasks;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A piece of background work with its callbacks: plain Java, no JavaFX. Build it with {@link #of}, add callbacks,
 * then hand it to a {@link TaskExecutor}:
 *
 * <pre>{@code
 * BackgroundTask.of(progress -> connections.connect(kubeconfig, context))
 *         .onSuccess(viewModel::connected)
 *         .onFailure(viewModel::failed)
 *         .executeWith(taskExecutor);
 * }</pre>
 *
 * @param <T> the result
 */
public final class BackgroundTask<T> {

    /** The work. It may report progress and should stop early when its thread is interrupted. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Consumer<Progress> progress) throws Exception;
    }

    private final Work<T> work;
    private Consumer<? super T> onSuccess = result -> { };
    private Consumer<? super Throwable> onFailure = failure -> { };
    private Consumer<Progress> onProgress = progress -> { };
    private Runnable onCancelled = () -> { };

    private BackgroundTask(Work<T> work) {
        this.work = Objects.requireNonNull(work, "work");
    }

    public static <T> BackgroundTask<T> of(Work<T> work) {
        return new BackgroundTask<>(work);
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> callback) {
        this.onSuccess = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<? super Throwable> callback) {
        this.onFailure = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<Progress> callback) {
        this.onProgress = Objects.requireNonNull(callback);
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = Objects.requireNonNull(callback);
        return this;
    }

    public TaskHandle executeWith(TaskExecutor executor) {
        return executor.execute(this);
    }

    Work<T> work() {
        return work;
    }

    Consumer<? super T> successCallback() {
        return onSuccess;
    }

    Consumer<? super Throwable> failureCallback() {
        return onFailure;
    }

    Consumer<Progress> progressCallback() {
        return onProgress;
    }

    Runnable cancelledCallback() {
        return onCancelled;
    }
}
