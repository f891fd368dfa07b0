package dev.tusk.app.cli;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.SpecValidator;
import dev.tusk.runtime.model.Violation;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        ClusterSpec defaulted = spec.withDefaults();
        ClusterCredentials placeholders = ClusterCredentials.placeholders(
                defaulted.users().stream().map(ClusterSpec.UserSpec::name).toList(),
                defaulted.tls().certificateSecret() == null);
        List<RenderedObject> objects = ClusterRenderer.render(defaulted, placeholders);
        KubernetesSerialization serialization = new KubernetesSerialization();
        if (output == Format.json) {
            out.println(serialization.asJson(new KubernetesListBuilder()
                    .withItems(objects.stream().map(r -> shown(r.object())).toList()).build()));
        } else {
            for (RenderedObject rendered : objects) {
                if (rendered.policy() == RenderedObject.Policy.CREATE_ONLY) {
                    out.println("# create-only: created when absent, never applied again (the agents own it afterwards)");
                }
                String yaml = serialization.asYaml(shown(rendered.object()));
                out.print(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            }
        }
        out.flush();
        err.println("note: secret values are shown as " + ClusterCredentials.PLACEHOLDER
                + "; Tusk makes them when it applies the cluster. Apply with Tusk, not by piping this into kubectl.");
        err.flush();
        return TuskCli.OK;
    }

    /** A Secret as readable stringData with placeholders in place of every secret; other objects as they are. */
    static HasMetadata shown(HasMetadata object) {
        if (!(object instanceof Secret secret)) {
            return object;
        }
        Map<String, String> values = new TreeMap<>();
        secret.getData().forEach((key, value) -> values.put(key,
                new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)
                        .replace("%3Cgenerated%3E", ClusterCredentials.PLACEHOLDER)));
        return new SecretBuilder(secret).withData(null).withStringData(values).build();
    }

    private static int invalid(PrintWriter err, List<Violation> problems) {
        err.println("error: the spec is not valid (" + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "):");
        problems.forEach(v -> err.println("  " + v.message()));
        err.flush();
        return TuskCli.USAGE;
    }
}
