package dev.tusk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code tusk list}. */
@Command(name = "list", description = "Not built yet.")
public final class ListCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tusk list: not built yet");
        return TuskCli.FAILED;
    }
}
