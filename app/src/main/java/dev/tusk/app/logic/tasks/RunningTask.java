package dev.tusk.app.logic.tasks;

import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a {@link BackgroundTask}: the state machine both executors share. The first of "finished" and
 * "cancelled" wins, so a cancelled task never reports success or failure afterwards.
 */
final class RunningTask<T> implements TaskHandle, Runnable {

    private enum State { WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private final BackgroundTask<T> task;
    private final Executor callbacks;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
    private volatile Future<?> future;

    RunningTask(BackgroundTask<T> task, Executor callbacks) {
        this.task = task;
        this.callbacks = callbacks;
    }

    void attach(Future<?> running) {
        this.future = running;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(State.WAITING, State.RUNNING)) {
            return;
        }
        T result;
        try {
            result = task.work().run(progress -> {
                if (state.get() == State.RUNNING) {
                    callbacks.execute(() -> task.progressCallback().accept(progress));
                }
            });
        } catch (Throwable failure) {
            if (state.compareAndSet(State.RUNNING, State.FAILED)) {
                callbacks.execute(() -> task.failureCallback().accept(failure));
            }
            if (failure instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            return;
        }
        if (state.compareAndSet(State.RUNNING, State.SUCCEEDED)) {
            callbacks.execute(() -> task.successCallback().accept(result));
        }
    }

    @Override
    public void cancel() {
        State before = state.get();
        while (before == State.WAITING || before == State.RUNNING) {
            if (state.compareAndSet(before, State.CANCELLED)) {
                Future<?> running = future;
                if (running != null) {
                    running.cancel(true);
                }
                callbacks.execute(task.cancelledCallback());
                return;
            }
            before = state.get();
        }
    }

    @Override
    public boolean isDone() {
        State now = state.get();
        return now == State.SUCCEEDED || now == State.FAILED || now == State.CANCELLED;
    }

    @Override
    public boolean isCancelled() {
        return state.get() == State.CANCELLED;
    }
}
