package dev.tusk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code tusk contexts}. */
@Command(name = "contexts", description = "Not built yet.")
public final class ContextsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tusk contexts: not built yet");
        return TuskCli.FAILED;
    }
}
