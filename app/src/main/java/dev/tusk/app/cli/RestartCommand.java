package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.RestartResult;
import dev.tusk.app.logic.operations.RollingRestart;
import dev.tusk.app.model.OperationPlan;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tusk restart <cluster>}: a rolling restart — replicas first, then a switchover, then the old primary. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = "Restart every instance, replicas first, with one switchover (one short write outage).")
public final class RestartCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--pod-timeout", paramLabel = "<duration>", defaultValue = "5m", converter = Durations.class,
            description = "How long each restarted pod may take to be ready (default 5m).")
    Duration podTimeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect(); Interrupts interrupts = new Interrupts(err);
                 RollingRestart restart = new RollingRestart(connection)) {
                String namespace = kube.namespaceFor(connection);
                OperationPlan plan = restart.plan(namespace, cluster);
                if (plan.refused()) {
                    CliSupport.printRefusal(err, "cluster " + cluster + " cannot be restarted now", plan);
                    return TuskCli.FAILED;
                }
                CliSupport.printPlan(err, plan);
                if (dryRun) {
                    return TuskCli.OK;
                }
                RestartResult r = restart.restart(namespace, cluster, new RollingRestart.Options(podTimeout),
                        new CliProgress(err, false), interrupts.cancellation());
                out.println("restarted cluster=" + cluster + " pods=" + String.join(",", r.restarted())
                        + (r.switchover() == null ? "" : " switchover=" + r.switchover().from() + "->" + r.switchover().to()));
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
