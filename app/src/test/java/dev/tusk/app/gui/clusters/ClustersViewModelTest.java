package dev.tusk.app.gui.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.gui.ViewModelServices;
import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.preferences.UiPreferences;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.WatchState;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster list's rules without a toolkit (inline executor; UI updates on the informer thread, read here
 * through awaitility). The API server is the fabric8 mock server in CRUD mode (a mock).
 */
@EnableKubernetesMockClient(crud = true)
class ClustersViewModelTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Connection connection;
    private ClustersViewModel vm;
    private UiPreferences preferences;

    @BeforeEach
    void connect() {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.10").build());
        for (String ns : new String[] {"team-a", "team-b"}) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        client.configMaps().inNamespace("team-b").resource(TuskObjects.clusterConfig("hippo", "team-b", 1)).create();
        preferences = UiPreferences.inMemory();
        Path kubeconfig = Kubeconfigs.withToken(dir, "k", "mock", server.url("/"), "t", "default");
        AppServices services = ViewModelServices.inline(kubeconfig, preferences);
        var loaded = services.kubeconfigs().loadDefault();
        // The context names namespace "default", so the namespace holding clusters is not preferred over it.
        connection = services.connections().connect(loaded, "mock");
        vm = new ClustersViewModel(connection, services);
    }

    @AfterEach
    void close() {
        vm.deactivate();
        connection.close();
    }

    @Test
    void activatingListsNamespacesAndWatchesTheContextNamespace() {
        vm.activate();
        assertThat(vm.namespaceNames()).containsExactly("default", "team-a", "team-b");
        assertThat(vm.namespaceProperty().get()).isEqualTo("default");
        await().until(() -> vm.snapshotProperty().get().state() == WatchState.LIVE);
        assertThat(vm.summaryProperty().get()).isEqualTo(Message.of("clusters.summary", 0, 0, 0));
    }

    @Test
    void choosingANamespaceReplacesTheWatcherAndIsRemembered() {
        vm.activate();
        AtomicReference<ClustersSnapshot> seen = new AtomicReference<>();
        vm.snapshotProperty().addListener((o, a, b) -> seen.set(b));

        vm.selectNamespace("team-b");

        await().until(() -> seen.get() != null && seen.get().namespace().equals("team-b")
                && seen.get().state() == WatchState.LIVE && seen.get().clusters().size() == 1);
        assertThat(preferences.lastNamespace("mock")).contains("team-b");
        client.pods().inNamespace("team-b").resource(TuskObjects.instancePod("hippo", "team-b", 0, Labels.ROLE_PRIMARY)).create();
        await().until(() -> vm.summaryProperty().get().equals(Message.of("clusters.summary", 1, 1, 1)));
        // A snapshot of the old namespace never overwrites the new one.
        client.configMaps().inNamespace("default").resource(TuskObjects.clusterConfig("late", "default", 1)).create();
        await().during(java.time.Duration.ofMillis(300)).until(() -> vm.snapshotProperty().get().namespace().equals("team-b"));
    }

    @Test
    void aTypedNamespaceIsAddedToTheChoices() {
        vm.activate();
        vm.selectNamespace("  scratch ");
        assertThat(vm.namespaceProperty().get()).isEqualTo("scratch");
        assertThat(vm.namespaceNames()).contains("scratch");
    }

    @Test
    void missingPermissionsAreReportedForTheChosenNamespace() {
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReturn(201,
                new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(false).endStatus().build()).always();
        vm.activate();
        assertThat(vm.accessProperty().get().canWatchClusters()).isFalse();
        assertThat(vm.accessProperty().get().missing()).containsExactly("list configmaps", "watch configmaps",
                "list pods", "watch pods");
    }
}
