package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.DeleteCluster;
import dev.tusk.app.logic.operations.DeleteResult;
import dev.tusk.app.logic.tasks.Cancellation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tusk delete <cluster> [--keep-pvcs | --delete-pvcs]}: deletes a cluster. Scripts choose explicitly with one of
 * the two flags; without either, an interactive user confirms by typing the cluster's name and the data volumes are
 * kept. Without a flag and without a terminal it refuses (exit 2), so nothing is deleted by accident.
 */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a cluster; its data volumes (PVCs) are kept unless --delete-pvcs.")
public final class DeleteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    static final class Volumes {
        @Option(names = "--keep-pvcs", description = "Keep the data volumes (a cluster created again under this name uses them).")
        boolean keep;

        @Option(names = "--delete-pvcs", description = "Delete the data volumes too: the data is lost.")
        boolean delete;
    }

    @ArgGroup(exclusive = true)
    Volumes volumes;

    @Spec
    CommandSpec command;

    /** Where the typed confirmation is read from (tests replace it). */
    static java.util.function.Supplier<BufferedReader> terminal = () -> System.console() == null ? null
            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        boolean deleteVolumes = volumes != null && volumes.delete;
        if (volumes == null) {
            BufferedReader in = terminal.get();
            if (in == null) {
                err.println("error: not deleting cluster " + cluster + " without a choice: add --keep-pvcs (keep the data"
                        + " volumes) or --delete-pvcs (the data is lost), or run it in a terminal to confirm by typing the name");
                err.flush();
                return TuskCli.USAGE;
            }
            err.print("Delete cluster " + cluster + "? Its data volumes are kept. Type the cluster name to confirm: ");
            err.flush();
            String typed;
            try {
                typed = in.readLine();
            } catch (IOException e) {
                typed = null;
            }
            if (typed == null || !typed.strip().equals(cluster)) {
                err.println("error: the name typed does not match " + cluster + "; nothing was deleted");
                err.flush();
                return TuskCli.USAGE;
            }
        }
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect()) {
                DeleteResult result = new DeleteCluster(connection).delete(kube.namespaceFor(connection), cluster,
                        deleteVolumes, new CliProgress(err, false), Cancellation.none());
                out.println("deleted cluster=" + cluster + " kept_pvcs=" + String.join(",", result.keptVolumes())
                        + " deleted_pvcs=" + String.join(",", result.deletedVolumes()));
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
