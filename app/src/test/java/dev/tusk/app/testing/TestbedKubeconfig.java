package dev.tusk.app.testing;

import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.KubeconfigSource;
import dev.tusk.testbed.Testbed;
import java.nio.file.Path;
import java.util.Map;

/**
 * The app's end-to-end tests go through the user's path, a kubeconfig file: this is the file of the shared test
 * cluster ({@link Testbed#shared()}, which brings the local testbed up when needed).
 */
public final class TestbedKubeconfig {

    private TestbedKubeconfig() {
    }

    public static Path path() {
        return Testbed.shared().kubeconfig().orElseThrow(() -> new IllegalStateException(
                "the app's e2e tests need a kubeconfig file; the shared test cluster was started without one"));
    }

    /** A kubeconfig service that sees only the test cluster's kubeconfig. */
    public static KubeconfigService service() {
        return new KubeconfigService(Map.of("KUBECONFIG", path().toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))::get, Path.of("/nonexistent"));
    }

    /** The kubeconfig's current context (the admin's). */
    public static String context() {
        return service().load(KubeconfigSource.picked(path())).defaultContext().orElseThrow().name();
    }
}
