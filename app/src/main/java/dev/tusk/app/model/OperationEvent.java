package dev.tusk.app.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing an operation (create, scale, switchover, restart, delete) did or saw, as it happened: for progress lists
 * in the app and progress lines of the CLI. Events arrive in order on the operation's thread; a listener must return
 * quickly (the app hands them to its FX bridge).
 *
 * @param time    when it happened (wall clock, for display only)
 * @param elapsed time since the operation started (monotonic clock)
 * @param stage   which part of the operation it belongs to
 * @param subject what it is about: {@code Kind/name} for objects, the pod name for pods, the cluster otherwise
 * @param state   whether that part started, progressed, finished or failed
 * @param text    the sentence for the user (English or Japanese); arguments are names and numbers, never secrets
 */
public record OperationEvent(Instant time, Duration elapsed, OperationStage stage, String subject, StepState state,
                             Message text) {

    public OperationEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(text, "text");
        subject = subject == null ? "" : subject;
    }
}
