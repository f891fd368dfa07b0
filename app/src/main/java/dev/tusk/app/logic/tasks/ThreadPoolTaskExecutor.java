package dev.tusk.app.logic.tasks;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The production {@link TaskExecutor}: a small pool of daemon threads named {@code tusk-task-N}. Callbacks go
 * through the given callback executor (the desktop app passes its FX-thread bridge; the CLI passes
 * {@code Runnable::run}).
 */
public final class ThreadPoolTaskExecutor implements TaskExecutor {

    private final ExecutorService pool;
    private final Executor callbacks;

    public ThreadPoolTaskExecutor(Executor callbacks) {
        this(callbacks, 4);
    }

    public ThreadPoolTaskExecutor(Executor callbacks, int threads) {
        this.callbacks = Objects.requireNonNull(callbacks, "callbacks");
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "tusk-task-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> TaskHandle execute(BackgroundTask<T> task) {
        RunningTask<T> running = new RunningTask<>(task, callbacks);
        running.attach(pool.submit(running));
        return running;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
