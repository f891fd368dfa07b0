package dev.tusk.app.gui;

import static org.awaitility.Awaitility.await;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.common.FxBridge;
import dev.tusk.app.gui.frame.MainViewModel;
import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.KubernetesClusterOperations;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.logic.discovery.TuskSpecReader;
import dev.tusk.app.logic.kube.ConnectionService;
import dev.tusk.app.logic.kube.KubeconfigService;
import dev.tusk.app.logic.kube.NamespaceService;
import dev.tusk.app.logic.tasks.ThreadPoolTaskExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real Tusk window (the same {@link TuskApplication#open} the app uses) with test services: a kubeconfig
 * environment of the test's choosing, in-memory preferences, the production thread pool and FX bridge.
 */
public final class TuskWindow implements AutoCloseable {

    /** Where "Save…" dialogs of windows opened here save (a native dialog cannot be driven by the robot). */
    public static final SaveTarget SAVE_TO = new SaveTarget();

    /** The answer the next save dialog gives. */
    public static final class SaveTarget {
        private volatile Path next;

        public void set(Path file) {
            next = file;
        }

        java.util.Optional<Path> get(javafx.stage.Window owner, String title, String initialName) {
            return java.util.Optional.ofNullable(next);
        }
    }

    /** The name of every thread that started a Kubernetes request from any window opened here. */
    public static final Set<String> REQUEST_THREADS = ConcurrentHashMap.newKeySet();

    private final Stage stage;
    private final MainViewModel viewModel;

    private TuskWindow(Stage stage, MainViewModel viewModel) {
        this.stage = stage;
        this.viewModel = viewModel;
    }

    public static TuskWindow open(Path kubeconfig, Locale locale) throws Exception {
        return open(kubeconfig, locale, UiPreferences.inMemory());
    }

    /** A window whose cluster operations never ask HA agents (the mock server has none). */
    public static TuskWindow open(Path kubeconfig, Locale locale, UiPreferences preferences) throws Exception {
        return open(kubeconfig, locale, preferences, connection -> new KubernetesClusterOperations(connection, false));
    }

    public static TuskWindow open(Path kubeconfig, Locale locale, UiPreferences preferences,
                                  Function<Connection, ClusterOperations> operations) throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        KubeconfigService kubeconfigs = new KubeconfigService(Map.of("KUBECONFIG", kubeconfig.toString(),
                "PATH", "/usr/bin:/bin")::get, Path.of("/nonexistent"));
        ConnectionService connections = new ConnectionService(kubeconfigs, http -> http.addOrReplaceInterceptor(
                "record-request-threads", new Interceptor() {
                    @Override
                    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
                        REQUEST_THREADS.add(Thread.currentThread().getName());
                    }
                }));
        AppServices services = new AppServices(kubeconfigs, connections, new NamespaceService(),
                new TuskSpecReader(), new ThreadPoolTaskExecutor(FxBridge.executor()), FxBridge.executor(),
                preferences, operations, SAVE_TO::get);
        AtomicReference<MainViewModel> vm = new AtomicReference<>();
        WaitForAsyncUtils.asyncFx(() -> vm.set(TuskApplication.open(stage, services, locale)))
                .get(20, TimeUnit.SECONDS);
        return new TuskWindow(stage, vm.get());
    }

    public Stage stage() {
        return stage;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    /** Reads UI state on the FX thread. */
    public static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public <T extends Node> T lookup(String selector) {
        @SuppressWarnings("unchecked")
        T node = (T) fx(() -> stage.getScene().getRoot().lookup(selector));
        return node;
    }

    /** Waits (at most 15 s) until the condition, read on the FX thread, holds. */
    public static void waitUntil(Callable<Boolean> condition) {
        waitUntil(Duration.ofSeconds(15), condition);
    }

    /** Waits (at most {@code timeout}) until the condition, read on the FX thread, holds. */
    public static void waitUntil(Duration timeout, Callable<Boolean> condition) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> fx(condition));
    }

    @Override
    public void close() throws Exception {
        WaitForAsyncUtils.asyncFx(viewModel::shutdown).get(10, TimeUnit.SECONDS);
        FxToolkit.cleanupStages();
    }
}
