package dev.tusk.app.logic.operations;

import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.StepState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Turns what an operation does into {@link OperationEvent}s for its listener, stamped with the elapsed time. */
final class Reporter {

    private final OperationListener listener;
    private final Clock clock;
    private final LongSupplier nanos;
    private final long start;
    private final List<OperationEvent> events = new ArrayList<>();

    Reporter(OperationListener listener, Clock clock, LongSupplier nanos) {
        this.listener = listener == null ? OperationListener.NONE : listener;
        this.clock = clock;
        this.nanos = nanos;
        this.start = nanos.getAsLong();
    }

    static Reporter of(OperationListener listener) {
        return new Reporter(listener, Clock.systemUTC(), System::nanoTime);
    }

    Duration elapsed() {
        return Duration.ofNanos(nanos.getAsLong() - start);
    }

    long startNanos() {
        return start;
    }

    /** Emits one event; the text key is {@code op.<...>} in the bundles, arguments are names and numbers. */
    OperationEvent emit(OperationStage stage, String subject, StepState state, String key, Object... args) {
        return emit(stage, subject, state, Message.of(key, args));
    }

    OperationEvent emit(OperationStage stage, String subject, StepState state, Message text) {
        OperationEvent event = new OperationEvent(clock.instant(), elapsed(), stage, subject, state, text);
        events.add(event);
        try {
            listener.event(event);
        } catch (RuntimeException ignored) {
            // a failing listener must not break the operation
        }
        return event;
    }

    List<OperationEvent> events() {
        return List.copyOf(events);
    }

    /** Seconds with one decimal, as event texts show durations. */
    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
