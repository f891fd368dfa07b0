package dev.tusk.app.logic.kube;

import dev.tusk.app.model.KubeContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A loaded kubeconfig: the files read (in precedence order) with their parsed documents, and every context of the
 * merged view, sorted by name. Credentials stay inside {@code documents}; {@link KubeContext} holds none.
 */
public record Kubeconfig(KubeconfigSource source, List<Path> filesRead,
                         List<io.fabric8.kubernetes.api.model.Config> documents, List<KubeContext> contexts,
                         String currentContext) {

    public Kubeconfig {
        filesRead = List.copyOf(filesRead);
        documents = List.copyOf(documents);
        contexts = List.copyOf(contexts);
    }

    public Optional<KubeContext> context(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The context to preselect: {@code current-context} when it exists, else the first. */
    public Optional<KubeContext> defaultContext() {
        return contexts.stream().filter(KubeContext::current).findFirst().or(() -> contexts.stream().findFirst());
    }
}
