package dev.tusk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code tusk get}. */
@Command(name = "get", description = "Not built yet.")
public final class GetCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tusk get: not built yet");
        return TuskCli.FAILED;
    }
}
