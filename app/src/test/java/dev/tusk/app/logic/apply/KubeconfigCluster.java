package dev.tusk.app.logic.apply;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * The real Kubernetes an end-to-end test runs on: {@code KUBECONFIG}, else the testbed's admin kubeconfig. When
 * neither is there or the API server does not answer, the test is skipped with a message saying so. (Interim until
 * the testbed's {@code @OnTestbed} extension is on main.)
 */
final class KubeconfigCluster {

    static final Path TESTBED_KUBECONFIG = Path.of("/var/lib/tusk-testbed/admin.kubeconfig");

    private KubeconfigCluster() {
    }

    static KubernetesClient connectOrSkip() {
        String env = System.getenv("KUBECONFIG");
        Path path = env != null && !env.isBlank() ? Path.of(env.split(java.io.File.pathSeparator)[0]) : TESTBED_KUBECONFIG;
        Assumptions.assumeTrue(Files.isReadable(path),
                "no Kubernetes to test on: KUBECONFIG is not set and " + TESTBED_KUBECONFIG + " is not readable (run testbed/up)");
        KubernetesClient client;
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(path), path.toString());
            config.setRequestTimeout(30_000);
            client = new KubernetesClientBuilder().withConfig(config).build();
            client.getKubernetesVersion();
        } catch (Exception e) {
            Assumptions.abort("the Kubernetes API server of " + path + " is not reachable (" + e.getMessage()
                    + "); run testbed/up, or point KUBECONFIG at a cluster");
            throw new IllegalStateException(e);
        }
        return client;
    }

    /** A fresh namespace for one test, labelled as an end-to-end test's. */
    static String createNamespace(KubernetesClient client, String purpose) {
        String clean = purpose.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        String name = ("e2e-model-" + (clean.length() > 40 ? clean.substring(0, 40) : clean)).replaceAll("-+$", "")
                + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels("tusk.dev/e2e", "true").endMetadata().build()).create();
        return name;
    }

    static void deleteNamespace(KubernetesClient client, String name) {
        if (name != null && !Boolean.getBoolean("tusk.keepNamespaces")) {
            client.namespaces().withName(name).delete();
        }
    }
}
