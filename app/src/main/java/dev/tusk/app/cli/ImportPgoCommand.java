package dev.tusk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code tusk import-pgo}. */
@Command(name = "import-pgo", description = "Not built yet.")
public final class ImportPgoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tusk import-pgo: not built yet");
        return TuskCli.FAILED;
    }
}
