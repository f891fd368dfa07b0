package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.ScaleCluster;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
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

/**
 * {@code tusk scale <cluster> --set <name> [--replicas N] [--storage SIZE] [--keep-removed-volumes] [--dry-run]}:
 * prints the plan, then carries it out. The primary is never removed (a switchover comes first); volumes only grow,
 * and only where the StorageClass allows expansion. Exit 0; 1 failed; 2 refused (the reason says why and what to do).
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Change the number of instances of an instance set, or grow its data volumes.")
public final class ScaleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    @Option(names = "--set", required = true, paramLabel = "<name>", description = "The instance set, e.g. instance1.")
    String set;

    @Option(names = "--replicas", paramLabel = "<N>", description = "The new number of instances (0-9).")
    Integer replicas;

    @Option(names = "--storage", paramLabel = "<size>", description = "The new data volume size, e.g. 20Gi (volumes only grow).")
    String storage;

    @Option(names = "--keep-removed-volumes",
            description = "Keep the data volumes of removed instances (default: delete them; a replica holds only a copy).")
    boolean keepRemovedVolumes;

    @Option(names = "--dry-run", description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m", converter = Durations.class,
            description = "How long each wait may take (default 10m).")
    Duration timeout;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        if (replicas == null && storage == null) {
            err.println("error: give --replicas, --storage or both");
            err.flush();
            return TuskCli.USAGE;
        }
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect(); Interrupts interrupts = new Interrupts(err);
                 ScaleCluster scale = new ScaleCluster(connection)) {
                String namespace = kube.namespaceFor(connection);
                ScaleRequest request = new ScaleRequest(set, replicas, storage, !keepRemovedVolumes);
                OperationPlan plan = scale.plan(namespace, cluster, request);
                if (plan.refused()) {
                    CliSupport.printRefusal(err, "cluster " + cluster + " cannot be scaled as asked", plan);
                    return TuskCli.USAGE;
                }
                if (plan.nothingToDo()) {
                    out.println("unchanged cluster=" + cluster + " set=" + set);
                    out.flush();
                    return TuskCli.OK;
                }
                CliSupport.printPlan(err, plan);
                if (dryRun) {
                    return TuskCli.OK;
                }
                ScaleResult result = scale.scale(namespace, cluster, request, new ScaleCluster.Options(timeout),
                        new CliProgress(err, false), interrupts.cancellation());
                out.println("scaled cluster=" + cluster + " set=" + set + " added=" + String.join(",", result.added())
                        + " removed=" + String.join(",", result.removed())
                        + (result.switchover() == null ? "" : " switchover=" + result.switchover().from() + "->" + result.switchover().to())
                        + (result.pendingVolumes().isEmpty() ? "" : " volumes_pending=" + String.join(",", result.pendingVolumes())));
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
