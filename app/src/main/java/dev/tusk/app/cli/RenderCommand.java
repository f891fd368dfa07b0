package dev.tusk.app.cli;

import dev.tusk.app.logic.apply.ClusterPreview;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import dev.tusk.runtime.render.ClusterCredentials;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tusk render -f spec.yaml [-o yaml|json] [-n namespace]}: prints every object Tusk would apply for the spec,
 * in apply order. Secrets are shown with {@code stringData} and every secret value as {@code <generated>}: this
 * command never sees a real password. Exit 0; 2 when the file cannot be read or the spec is invalid (every problem
 * on stderr, one per line).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Print the Kubernetes objects Tusk would apply for a cluster spec (secret values as <generated>).")
public final class RenderCommand implements Callable<Integer> {

    enum Format { yaml, json }

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<spec.yaml>",
            description = "The TuskCluster spec to render; - reads standard input.")
    String file;

    @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "<format>",
            description = "yaml (default: one document per object) or json (a v1 List).")
    Format output;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "The namespace, when the spec's metadata.namespace is not set.")
    String namespace;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        String text;
        try {
            text = SpecFiles.read(file, System.in);
        } catch (IOException e) {
            err.println("error: cannot read the spec: " + e.getMessage());
            err.flush();
            return TuskCli.USAGE;
        }
        ClusterSpecYaml.ReadResult read = ClusterSpecYaml.parse(text);
        if (!read.ok()) {
            return invalid(err, read.problems());
        }
        ClusterSpec spec = read.spec();
        if (namespace != null) {
            if (spec.namespace() != null && !spec.namespace().equals(namespace)) {
                err.println("error: the spec's metadata.namespace is " + spec.namespace() + " but --namespace says " + namespace
                        + "; give one of them");
                err.flush();
                return TuskCli.USAGE;
            }
            spec = spec.withNamespace(namespace);
        }
        List<Violation> violations = SpecValidator.validate(spec);
        if (!violations.isEmpty()) {
            return invalid(err, violations);
        }
        if (output == Format.json) {
            out.println(ClusterPreview.objectsJson(spec));
        } else {
            out.print(ClusterPreview.objectsYaml(spec));
        }
        out.flush();
        err.println("note: secret values are shown as " + ClusterCredentials.PLACEHOLDER
                + "; Tusk makes them when it applies the cluster. Apply with Tusk, not by piping this into kubectl.");
        err.flush();
        return TuskCli.OK;
    }

    private static int invalid(PrintWriter err, List<Violation> problems) {
        err.println("error: the spec is not valid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
        problems.forEach(v -> err.println("  " + v.message()));
        err.flush();
        return TuskCli.USAGE;
    }
}
