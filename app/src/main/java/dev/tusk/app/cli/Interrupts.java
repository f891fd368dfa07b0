package dev.tusk.app.cli;

import dev.tusk.app.logic.tasks.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Ctrl-C (SIGINT) or SIGTERM during a long command cancels the operation instead of ending the JVM: the operation
 * cleans up (a create rolls back what it made) and the command then exits 1, saying what was undone. A second
 * signal ends the JVM at once (exit 130). The handlers are installed only while the command runs.
 *
 * <p>Signal handlers, not a shutdown hook: during JVM shutdown other hooks close the HTTP client the clean-up needs.
 */
@SuppressWarnings("restriction")
final class Interrupts implements AutoCloseable {

    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Cancellation cancellation = new Cancellation();
    private final List<Runnable> restore = new ArrayList<>();

    Interrupts(PrintWriter err) {
        for (String name : SIGNALS) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                sun.misc.SignalHandler[] previous = new sun.misc.SignalHandler[1];
                previous[0] = sun.misc.Signal.handle(signal, s -> {
                    if (cancellation.isCancelled()) {
                        Runtime.getRuntime().halt(130);
                    }
                    cancellation.cancel();
                    err.println("tusk: cancelling; cleaning up first (" + (name.equals("INT") ? "Ctrl-C" : "SIG" + name)
                            + " again to quit at once)");
                    err.flush();
                });
                restore.add(() -> sun.misc.Signal.handle(signal, previous[0]));
            } catch (RuntimeException | LinkageError e) {
                // this platform has no such signal: the command simply cannot be cancelled by it
            }
        }
    }

    Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
        restore.clear();
    }
}
