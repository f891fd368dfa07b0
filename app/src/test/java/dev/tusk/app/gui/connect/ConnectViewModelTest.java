package dev.tusk.app.gui.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.gui.ViewModelServices;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.testing.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connect screen's rules without a toolkit; the API server is the fabric8 mock server (a mock). */
@EnableKubernetesMockClient(crud = true, https = false)
class ConnectViewModelTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private final List<Connection> connected = new ArrayList<>();

    @AfterEach
    void closeConnections() {
        connected.forEach(Connection::close);
    }

    private ConnectViewModel viewModel(Path kubeconfig, UiPreferences preferences) {
        return new ConnectViewModel(ViewModelServices.inline(kubeconfig, preferences), connected::add);
    }

    private Path twoContexts(String serverA) {
        return Kubeconfigs.write(dir.resolve("config"), """
                apiVersion: v1
                kind: Config
                current-context: b
                clusters:
                  - {name: a, cluster: {server: "%s"}}
                  - {name: b, cluster: {server: "https://198.19.0.1:6443"}}
                contexts:
                  - {name: a, context: {cluster: a, user: u, namespace: db}}
                  - {name: b, context: {cluster: b, user: u}}
                users:
                  - {name: u, user: {token: t0ken}}
                """.formatted(serverA));
    }

    @Test
    void theCurrentContextIsPreselectedUnlessTheUserConnectedToAnotherLastTime() {
        ConnectViewModel fresh = viewModel(twoContexts("http://localhost:1"), UiPreferences.inMemory());
        fresh.loadInitial();
        assertThat(fresh.contexts()).extracting(KubeContext::name).containsExactly("a", "b");
        assertThat(fresh.selectedContextProperty().get().name()).isEqualTo("b");

        UiPreferences remembered = UiPreferences.inMemory();
        remembered.setLastContext("a");
        ConnectViewModel returning = viewModel(twoContexts("http://localhost:1"), remembered);
        returning.loadInitial();
        assertThat(returning.selectedContextProperty().get().name()).isEqualTo("a");
    }

    @Test
    void connectingHandsTheConnectionOnAndRemembersTheContext() {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.10").build());
        UiPreferences preferences = UiPreferences.inMemory();
        ConnectViewModel vm = viewModel(twoContexts(server.url("/")), preferences);
        vm.loadInitial();
        vm.selectedContextProperty().set(vm.contexts().getFirst());
        assertThat(vm.canConnectBinding().get()).isTrue();

        vm.connect();

        assertThat(connected).as("problem: %s", vm.problemProperty().get()).singleElement().satisfies(c -> assertThat(c.info().serverVersion()).isEqualTo("v1.34.10"));
        assertThat(vm.problemProperty().get()).isNull();
        assertThat(vm.connectingProperty().get()).isFalse();
        assertThat(preferences.lastContext()).contains("a");
    }

    @Test
    void aFailedAttemptShowsTheExplainedProblemAndAllowsAnotherTry() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ConnectViewModel vm = viewModel(twoContexts("https://127.0.0.1:" + port), UiPreferences.inMemory());
        vm.loadInitial();
        vm.selectedContextProperty().set(vm.contexts().getFirst());

        vm.connect();

        assertThat(connected).isEmpty();
        assertThat(vm.problemProperty().get().kind()).isEqualTo(ProblemKind.UNREACHABLE);
        assertThat(vm.canConnectBinding().get()).isTrue();
    }

    @Test
    void aMissingKubeconfigLeavesNoContextsAndNothingToConnect() {
        ConnectViewModel vm = viewModel(dir.resolve("absent"), UiPreferences.inMemory());
        vm.loadInitial();
        assertThat(vm.contexts()).isEmpty();
        assertThat(vm.problemProperty().get().kind()).isEqualTo(ProblemKind.KUBECONFIG);
        assertThat(vm.canConnectBinding().get()).isFalse();
    }

    @Test
    void aPickedFileIsRememberedAndUseDefaultForgetsIt() {
        Path picked = Kubeconfigs.withToken(dir, "picked.yaml", "p", "http://localhost:1", "t", "db");
        UiPreferences preferences = UiPreferences.inMemory();
        ConnectViewModel vm = viewModel(twoContexts("http://localhost:1"), preferences);
        vm.loadFile(picked);
        assertThat(vm.contexts()).extracting(KubeContext::name).containsExactly("p");
        assertThat(preferences.kubeconfigFile()).contains(picked.toString());

        ConnectViewModel next = viewModel(twoContexts("http://localhost:1"), preferences);
        next.loadInitial();
        assertThat(next.contexts()).extracting(KubeContext::name).containsExactly("p");
        next.useDefaultKubeconfig();
        assertThat(next.contexts()).extracting(KubeContext::name).containsExactly("a", "b");
        assertThat(preferences.kubeconfigFile()).isEmpty();
    }
}
