package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tusk create -f spec.yaml [--wait] [--timeout 10m] [--keep-on-failure]}: creates a cluster. Progress lines go
 * to stderr; the last line on stdout is machine-friendly:
 * {@code created cluster=hippo namespace=db outcome=writable primary=hippo-instance1-0-0 writable_after_s=23.4}.
 * Without {@code --wait} it returns once every object is applied. A failed, timed-out or interrupted (Ctrl-C) create
 * removes what it made unless {@code --keep-on-failure}; then running it again resumes.
 * Exit 0; 1 failed (explained); 2 unreadable file or invalid spec (every problem listed).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create a cluster from a TuskCluster spec; with --wait, until its primary accepts writes.")
public final class CreateCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "<spec.yaml>",
            description = "The TuskCluster spec; - reads standard input.")
    String file;

    @Mixin
    KubeOptions kube;

    @Option(names = "--wait", description = "Wait until the primary accepts a write (a real commit through the primary route).")
    boolean waitUntilWritable;

    @Option(names = "--timeout", paramLabel = "<duration>", defaultValue = "10m", converter = Durations.class,
            description = "How long --wait waits (default 10m); then the create fails and is rolled back.")
    Duration timeout;

    @Option(names = "--keep-on-failure",
            description = "Leave what a failed or interrupted create made in place; running the same create again resumes it.")
    boolean keepOnFailure;

    @Option(names = {"-q", "--quiet"}, description = "Print only failures on stderr.")
    boolean quiet;

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
            err.println("error: the spec is not valid (" + read.problems().size() + " problems):");
            read.problems().forEach(v -> err.println("  " + v.message()));
            err.flush();
            return TuskCli.USAGE;
        }
        return CliSupport.run(err, () -> {
            try (Connection connection = kube.connect(); Interrupts interrupts = new Interrupts(err)) {
                ClusterSpec spec = read.spec();
                if (kube.namespace != null) {
                    if (spec.namespace() != null && !spec.namespace().equals(kube.namespace)) {
                        err.println("error: the spec's metadata.namespace is " + spec.namespace() + " but --namespace says "
                                + kube.namespace + "; give one of them");
                        err.flush();
                        return TuskCli.USAGE;
                    }
                    spec = spec.withNamespace(kube.namespace);
                } else if (spec.namespace() == null) {
                    spec = spec.withNamespace(kube.namespaceFor(connection));
                }
                CreateResult result = new CreateCluster(connection).create(spec,
                        new CreateCluster.Options(timeout, waitUntilWritable,
                                keepOnFailure ? CreateCluster.OnFailure.KEEP : CreateCluster.OnFailure.ROLL_BACK),
                        new CliProgress(err, quiet), interrupts.cancellation());
                out.println("created cluster=" + result.cluster() + " namespace=" + result.namespace() + " outcome="
                        + result.outcome().name().toLowerCase(Locale.ROOT)
                        + (result.primaryPod() == null ? "" : " primary=" + result.primaryPod())
                        + (result.toWritable() == null ? "" : String.format(Locale.ROOT, " writable_after_s=%.1f",
                        result.toWritable().toMillis() / 1000.0)));
                out.flush();
                return TuskCli.OK;
            }
        });
    }
}
