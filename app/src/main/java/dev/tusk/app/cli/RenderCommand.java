package dev.tusk.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: {@code tusk render}. */
@Command(name = "render", description = "Not built yet.")
public final class RenderCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("tusk render: not built yet");
        return TuskCli.FAILED;
    }
}
