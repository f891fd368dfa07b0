package dev.tusk.app.logic.operations;

import dev.tusk.app.model.OperationEvent;

/**
 * Hears each {@link OperationEvent} of an operation as it happens, on the operation's thread. Must return quickly:
 * the app hands events to its FX bridge, the CLI prints a line.
 */
@FunctionalInterface
public interface OperationListener {

    OperationListener NONE = event -> {
    };

    void event(OperationEvent event);
}
