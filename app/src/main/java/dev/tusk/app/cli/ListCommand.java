package dev.tusk.app.cli;

import dev.tusk.app.logic.clusters.ClusterQueries;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.PodPhase;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tusk list}: the Tusk clusters of a namespace with their instances' readiness, primary and phases. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the Tusk clusters in a namespace: ready instances, the primary, pod phases.")
public final class ListCommand implements Callable<Integer> {

    enum Format { table, name }

    @Mixin
    KubeOptions kube;

    @Option(names = {"-A", "--all-namespaces"}, description = "List clusters in every namespace you may list.")
    boolean allNamespaces;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "table",
            description = "table (default) or name (one cluster name per line, for scripts).")
    Format output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect()) {
                ClusterQueries queries = new ClusterQueries(new TuskSpecReader());
                String namespace = kube.namespaceFor(connection);
                List<ClusterSummary> clusters = allNamespaces
                        ? queries.listAllNamespaces(connection) : queries.list(connection, namespace);
                if (output == Format.name) {
                    clusters.forEach(c -> out.println(c.name()));
                    out.flush();
                    return TuskCli.OK;
                }
                if (clusters.isEmpty()) {
                    err.println(allNamespaces ? "No Tusk clusters found in any namespace."
                            : "No Tusk clusters found in namespace " + namespace + ".");
                    err.flush();
                    return TuskCli.OK;
                }
                CliSupport.Table table = allNamespaces
                        ? new CliSupport.Table("NAMESPACE", "NAME", "READY", "PRIMARY", "PHASES", "POSTGRES", "NOTES")
                        : new CliSupport.Table("NAME", "READY", "PRIMARY", "PHASES", "POSTGRES", "NOTES");
                for (ClusterSummary c : clusters) {
                    String[] cells = {c.name(), c.readyCount() + "/" + c.totalCount(),
                            c.primary().map(InstanceSummary::podName).orElse("<none>"), phases(c),
                            c.postgresVersion() == null ? "" : String.valueOf(c.postgresVersion()), notes(c)};
                    if (allNamespaces) {
                        String[] withNs = new String[cells.length + 1];
                        withNs[0] = c.namespace();
                        System.arraycopy(cells, 0, withNs, 1, cells.length);
                        table.row(withNs);
                    } else {
                        table.row(cells);
                    }
                }
                table.print(out);
                return TuskCli.OK;
            }
        });
    }

    /** For example {@code 2 Running, 1 Missing}. */
    static String phases(ClusterSummary cluster) {
        if (cluster.instances().isEmpty()) {
            return "-";
        }
        Map<PodPhase, Long> counts = cluster.instances().stream().collect(
                Collectors.groupingBy(InstanceSummary::phase, () -> new EnumMap<>(PodPhase.class), Collectors.counting()));
        return counts.entrySet().stream()
                .map(e -> e.getValue() + " " + capitalized(e.getKey()))
                .collect(Collectors.joining(", "));
    }

    static String notes(ClusterSummary cluster) {
        List<String> notes = new java.util.ArrayList<>();
        if (cluster.paused()) {
            notes.add("paused");
        }
        if (cluster.configMissing()) {
            notes.add("no ConfigMap");
        }
        if (cluster.specProblem() != null) {
            notes.add("spec unreadable");
        }
        if (cluster.severalPrimaries()) {
            notes.add("several primaries");
        }
        return String.join(", ", notes);
    }

    private static String capitalized(PodPhase phase) {
        String lower = phase.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
