package dev.tusk.app.testing;

import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.KubeconfigSource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The real single-node Kubernetes of {@code testbed/up}, for tests tagged {@code e2e}. Its admin kubeconfig is
 * {@code $TUSK_TEST_KUBECONFIG}, else {@code $KUBECONFIG} (as ./run-tests exports it), else
 * {@code /var/lib/tusk-testbed/admin.kubeconfig}. Fails, never skips, when there is none.
 */
public final class Testbed {

    private Testbed() {
    }

    public static Path adminKubeconfig() {
        for (String candidate : new String[] {System.getenv("TUSK_TEST_KUBECONFIG"), System.getenv("KUBECONFIG"),
                "/var/lib/tusk-testbed/admin.kubeconfig"}) {
            if (candidate != null && !candidate.isBlank() && !candidate.contains(java.io.File.pathSeparator)
                    && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("No testbed kubeconfig: run testbed/up (as root) first, or set "
                + "TUSK_TEST_KUBECONFIG to the admin kubeconfig it prints.");
    }

    /** A kubeconfig service that sees only the testbed's admin kubeconfig. */
    public static KubeconfigService kubeconfigService() {
        return new KubeconfigService(Map.of("KUBECONFIG", adminKubeconfig().toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))::get, Path.of("/nonexistent"));
    }

    public static String adminContext() {
        return kubeconfigService().load(KubeconfigSource.picked(adminKubeconfig())).defaultContext().orElseThrow().name();
    }

    /** Creates a namespace with a recognisable random name; delete it with {@link #deleteNamespace}. */
    public static String createNamespace(KubernetesClient admin, String purpose) {
        String name = "tusk-gui-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 6);
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("tusk.dev/test", "app-gui").endMetadata().build()).create();
        return name;
    }

    public static void deleteNamespace(KubernetesClient admin, String name) {
        admin.namespaces().withName(name).delete();
    }
}
