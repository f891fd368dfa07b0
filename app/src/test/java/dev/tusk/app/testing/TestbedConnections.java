package dev.tusk.app.testing;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import java.nio.file.Path;
import java.util.Map;

/** Connections to the testbed as the app makes them (ConnectionService over the testbed's admin kubeconfig). */
public final class TestbedConnections {

    private TestbedConnections() {
    }

    public static Path kubeconfig(dev.tusk.testbed.Testbed testbed) {
        return testbed.kubeconfig().orElseGet(TestbedKubeconfig::path);
    }

    public static Connection connect(dev.tusk.testbed.Testbed testbed) {
        Path file = kubeconfig(testbed);
        KubeconfigService kubeconfigs = new KubeconfigService(Map.of("KUBECONFIG", file.toString(),
                "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))::get, Path.of("/nonexistent"));
        var loaded = kubeconfigs.loadDefault();
        return new ConnectionService(kubeconfigs).connect(loaded, loaded.defaultContext().orElseThrow().name());
    }
}
