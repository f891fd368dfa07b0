package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.Switchover;
import dev.tusk.app.logic.operations.SwitchoverResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tusk switchover <cluster> [--to <instance or pod>]}: asks the leader's agent to hand over, and waits until
 * the lease, the primary route and the role labels name the new primary. Last line on stdout:
 * {@code switchover cluster=hippo from=… to=… lease_moved_s=… routed_s=…}.
 */
@Command(name = "switchover", mixinStandardHelpOptions = true,
        description = "Move the primary to a replica (the best one unless --to names it).")
public final class SwitchoverCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    @Option(names = "--to", paramLabel = "<instance>", description = "The replica to promote: instance (hippo-instance1-1) or pod name.")
    String to;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "90s", converter = Durations.class,
            description = "How long to wait for the lease, route and labels to follow (default 90s).")
    Duration timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect(); Interrupts interrupts = new Interrupts(err);
                 Switchover switchover = new Switchover(connection)) {
                SwitchoverResult r = switchover.switchover(kube.namespaceFor(connection), cluster, to,
                        new Switchover.Options(timeout), new CliProgress(err, false), interrupts.cancellation());
                out.println(String.format(Locale.ROOT, "switchover cluster=%s from=%s to=%s lease_moved_s=%.2f routed_s=%.2f",
                        cluster, r.from(), r.to(), r.leaseMoved().toMillis() / 1000.0, r.routed().toMillis() / 1000.0));
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
