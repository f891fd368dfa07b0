package dev.tusk.app.gui.app;

import dev.tusk.app.gui.common.FxBridge;
import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.KubernetesClusterOperations;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.logic.discovery.ClusterSpecReader;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.NamespaceService;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.logic.tasks.ThreadPoolTaskExecutor;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The services the desktop app's view models use, wired once. Tests build their own (an in-memory preferences
 * store, a kubeconfig service with a given environment, an inline executor).
 *
 * @param ui         the executor that runs UI updates: {@link FxBridge#executor()} in the app, {@code Runnable::run} in
 *                   view-model tests
 * @param operations the cluster operations over an open connection (the app: {@link KubernetesClusterOperations})
 * @param files      where to save files (the app: the platform's save dialog)
 */
public record AppServices(KubeconfigService kubeconfigs, ConnectionService connections, NamespaceService namespaces,
                          ClusterSpecReader specs, TaskExecutor tasks, Executor ui, UiPreferences preferences,
                          Function<Connection, ClusterOperations> operations, FileDialogs files) {

    /** The production wiring: the user's environment and preferences, a thread pool whose callbacks run on FX. */
    public static AppServices standard(UiPreferences preferences) {
        KubeconfigService kubeconfigs = new KubeconfigService();
        return new AppServices(kubeconfigs, new ConnectionService(kubeconfigs), new NamespaceService(),
                new TuskSpecReader(), new ThreadPoolTaskExecutor(FxBridge.executor()), FxBridge.executor(),
                preferences, KubernetesClusterOperations::new, FileDialogs.platform());
    }
}
