package dev.tusk.app.cli;

import dev.tusk.app.logic.tasks.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during a long command: cancels the operation and lets it clean up (a create rolls back) before the JVM
 * exits, for at most {@link #CLEAN_UP_SECONDS}. Registered only while the command runs.
 */
final class Interrupts implements AutoCloseable {

    static final int CLEAN_UP_SECONDS = 120;

    private final Cancellation cancellation = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interrupts() {
        hook = new Thread(() -> {
            cancellation.cancel();
            try {
                finished.await(CLEAN_UP_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tusk-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs already and now sees the operation finished
        }
    }
}
