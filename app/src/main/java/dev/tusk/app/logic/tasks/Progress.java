package dev.tusk.app.logic.tasks;

import dev.tusk.app.model.Message;

/**
 * How far a task has come: a message for the user and a fraction in [0, 1], or a negative fraction when the end is
 * not known.
 */
public record Progress(Message message, double fraction) {

    public static Progress indeterminate(Message message) {
        return new Progress(message, -1);
    }
}
