package dev.tusk.app.logic.tasks;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request to stop an operation early, which the operation honours at its next safe point and then cleans up
 * after itself (a create rolls back; a scale stops between steps). Unlike {@link TaskHandle#cancel()}, which
 * interrupts and forgets, the operation still finishes and reports what it undid: the app's Cancel button calls
 * {@link #cancel()} and keeps showing the operation's events until it returns. An interrupted thread counts as a
 * cancel request too.
 */
public final class Cancellation {

    /** Never cancelled (but the thread's interrupt still counts). */
    public static Cancellation none() {
        return new Cancellation();
    }

    private final AtomicBoolean requested = new AtomicBoolean();

    public void cancel() {
        requested.set(true);
    }

    /** Cancel was requested, or the running thread was interrupted. */
    public boolean isCancelled() {
        return requested.get() || Thread.currentThread().isInterrupted();
    }

    /** @throws CancellationException when cancelled */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }

    /**
     * Sleeps up to {@code millis}, waking early on cancel. Never throws {@link InterruptedException}: an interrupt
     * is kept as a cancel request (the flag stays set on the thread only until {@link #clearInterrupt()}).
     */
    public void pause(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (!isCancelled()) {
            long left = (end - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(left, 50));
            } catch (InterruptedException e) {
                requested.set(true);
                return;
            }
        }
    }

    /**
     * Turns a pending thread interrupt into a cancel request and clears the flag, so clean-up calls (rollback) can
     * still talk to Kubernetes. Call before cleaning up.
     */
    public void clearInterrupt() {
        if (Thread.interrupted()) {
            requested.set(true);
        }
    }
}
