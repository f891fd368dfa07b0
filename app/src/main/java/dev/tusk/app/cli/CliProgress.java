package dev.tusk.app.cli;

import dev.tusk.app.logic.operations.OperationListener;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.StepState;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints operation events to stderr, one line each: {@code [  12.3s] text}, failures marked. */
final class CliProgress implements OperationListener {

    private final PrintWriter err;
    private final boolean quiet;

    CliProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void event(OperationEvent event) {
        if (quiet && event.state() != StepState.FAILED) {
            return;
        }
        String mark = switch (event.state()) {
            case FAILED -> "! ";
            case INFO -> "i ";
            default -> "  ";
        };
        err.println(String.format(Locale.ROOT, "[%6.1fs] %s%s", event.elapsed().toMillis() / 1000.0, mark,
                CliSupport.text(event.text())));
        err.flush();
    }
}
