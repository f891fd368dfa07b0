package dev.tusk.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tusk} command line. Each subcommand is its own class and uses the same services as the desktop app.
 * Exit codes: 0 success, 1 the operation failed (message on stderr), 2 bad usage or invalid input.
 */
@Command(name = "tusk", mixinStandardHelpOptions = true, version = "tusk 0.1.0",
        description = "PostgreSQL on Kubernetes without an operator.",
        subcommands = {
                ContextsCommand.class,
                ListCommand.class,
                GetCommand.class,
                RenderCommand.class,
                ImportPgoCommand.class,
                CreateCommand.class,
                StatusCommand.class,
                ScaleCommand.class,
                SwitchoverCommand.class,
                RestartCommand.class,
                PsqlCommand.class,
                DeleteCommand.class,
        })
public final class TuskCli implements Runnable {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit code (does not call System.exit). */
    public static int run(String... args) {
        return new CommandLine(new TuskCli()).execute(args);
    }
}
