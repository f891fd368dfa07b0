package dev.tusk.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tusk.app.logic.clusters.ClusterQueries;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.Connection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tusk get <cluster> -o yaml|json}: a cluster's spec as stored in its ConfigMap. */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print a cluster's spec (the spec.yaml of its ConfigMap) as YAML or JSON.")
public final class GetCommand implements Callable<Integer> {

    enum Format { yaml, json }

    @Parameters(index = "0", paramLabel = "<cluster>", description = "The cluster's name.")
    String cluster;

    @Mixin
    KubeOptions kube;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "yaml",
            description = "yaml (default, exactly as stored) or json.")
    Format output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect()) {
                String yaml = new ClusterQueries(new TuskSpecReader())
                        .specYaml(connection, kube.namespaceFor(connection), cluster);
                if (output == Format.yaml) {
                    out.print(yaml.endsWith("\n") ? yaml : yaml + "\n");
                } else {
                    JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
                    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tree));
                }
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
