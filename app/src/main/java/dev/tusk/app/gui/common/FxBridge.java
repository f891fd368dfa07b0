package dev.tusk.app.gui.common;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one place where work crosses onto the JavaFX application thread. Background tasks deliver their callbacks
 * through {@link #executor()}; informer snapshots go through {@link #latest(Consumer)}, which coalesces bursts so
 * the UI thread only ever sees the newest value. View models take an {@link Executor} so tests can pass
 * {@code Runnable::run} instead.
 */
public final class FxBridge {

    private static final Executor FX_THREAD = FxBridge::runOnFxThread;

    private FxBridge() {
    }

    /** Runs each task on the FX thread, in submission order. */
    public static Executor executor() {
        return FX_THREAD;
    }

    /**
     * A consumer that may be called from any thread and hands only the newest value to {@code onFxThread}, on the
     * FX thread. Values that arrive while one is pending replace it.
     */
    public static <T> Consumer<T> latest(Consumer<T> onFxThread) {
        return latest(FX_THREAD, onFxThread);
    }

    /** As {@link #latest(Consumer)}, through the given UI executor (tests pass {@code Runnable::run}). */
    public static <T> Consumer<T> latest(Executor ui, Consumer<T> target) {
        AtomicReference<T> pending = new AtomicReference<>();
        return value -> {
            if (pending.getAndSet(value) == null) {
                ui.execute(() -> {
                    T newest = pending.getAndSet(null);
                    if (newest != null) {
                        target.accept(newest);
                    }
                });
            }
        };
    }

    private static void runOnFxThread(Runnable task) {
        Platform.runLater(task);
    }
}
