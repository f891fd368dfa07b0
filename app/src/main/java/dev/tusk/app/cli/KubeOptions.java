package dev.tusk.app.cli;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.Kubeconfig;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.KubeconfigSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The kubeconfig, context and namespace options every command that talks to Kubernetes shares (as kubectl's). */
public final class KubeOptions {

    @Option(names = "--kubeconfig", paramLabel = "<file>",
            description = "Kubeconfig file to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "<name>",
            description = "Kubeconfig context to use (default: its current-context).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "Namespace (default: the context's namespace, else default).")
    String namespace;

    static KubeconfigService kubeconfigService = new KubeconfigService();

    Kubeconfig loadKubeconfig() {
        return kubeconfig == null ? kubeconfigService.loadDefault()
                : kubeconfigService.load(KubeconfigSource.picked(kubeconfig));
    }

    /** Connects to the chosen context (or the current one), proving the server reachable and the user known. */
    Connection connect() {
        Kubeconfig loaded = loadKubeconfig();
        String contextName = context != null ? context
                : loaded.defaultContext().map(c -> c.name()).orElseThrow();
        return new ConnectionService(kubeconfigService).connect(loaded, contextName);
    }

    /** The namespace to use with this connection: {@code -n}, else the context's, else {@code default}. */
    String namespaceFor(Connection connection) {
        return namespace != null && !namespace.isBlank() ? namespace : connection.context().effectiveNamespace();
    }
}
