package dev.tusk.app.gui;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.operations.KubernetesClusterOperations;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.NamespaceService;
import dev.tusk.app.logic.tasks.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.Map;

/** Services for view-model tests: no toolkit, work and UI updates inline on the test's thread. */
public final class ViewModelServices {

    private ViewModelServices() {
    }

    public static AppServices inline(Path kubeconfig, UiPreferences preferences) {
        KubeconfigService kubeconfigs = new KubeconfigService(
                Map.of("KUBECONFIG", kubeconfig.toString(), "PATH", "/usr/bin:/bin")::get, Path.of("/nonexistent"));
        return new AppServices(kubeconfigs, new ConnectionService(kubeconfigs), new NamespaceService(),
                new TuskSpecReader(), new CurrentThreadTaskExecutor(), Runnable::run, preferences,
                KubernetesClusterOperations::new, (owner, title, name) -> java.util.Optional.empty());
    }
}
