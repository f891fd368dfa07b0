package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Kubeconfig;
import dev.tusk.app.model.KubeContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tusk contexts}: every context of the kubeconfig, as kubectl merges it. Reads files only; no network. */
@Command(name = "contexts", mixinStandardHelpOptions = true,
        description = "List the kubeconfig's contexts (the current one marked with *).")
public final class ContextsCommand implements Callable<Integer> {

    enum Format { table, name }

    @Mixin
    KubeOptions kube;

    @Option(names = {"-o", "--output"}, paramLabel = "<format>", defaultValue = "table",
            description = "table (default) or name (one context name per line, for scripts).")
    Format output;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return CliSupport.run(err, () -> {
            Kubeconfig kubeconfig = kube.loadKubeconfig();
            if (output == Format.name) {
                kubeconfig.contexts().forEach(c -> out.println(c.name()));
                out.flush();
                return TuskCli.OK;
            }
            CliSupport.Table table = new CliSupport.Table("CURRENT", "NAME", "SERVER", "USER", "NAMESPACE");
            for (KubeContext c : kubeconfig.contexts()) {
                table.row(c.current() ? "*" : "", c.name(), c.server() == null ? "<none>" : c.server(),
                        c.user(), c.namespace() == null ? "" : c.namespace());
            }
            table.print(out);
            return TuskCli.OK;
        });
    }
}
