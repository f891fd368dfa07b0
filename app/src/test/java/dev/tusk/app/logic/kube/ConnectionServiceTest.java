package dev.tusk.app.logic.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.model.NamespaceAccess;
import dev.tusk.app.model.NamespaceChoice;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.TuskObjects;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting against the fabric8 mock server in CRUD mode (a mock, for the API answers) and against a real closed
 * port (unreachable).
 */
@EnableKubernetesMockClient(crud = true)
class ConnectionServiceTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private final KubeconfigService kubeconfigs = new KubeconfigService(Map.<String, String>of()::get, Path.of("/nonexistent"));

    private Kubeconfig kubeconfigFor(String url) {
        return kubeconfigs.load(KubeconfigSource.picked(
                Kubeconfigs.withToken(dir, "k.yaml", "mock", url, "t0ken", "team-a")));
    }

    private void serverAnswersVersionAndUser(String user) {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.10").build());
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/selfsubjectreviews").andReturn(201,
                new SelfSubjectReviewBuilder().withNewStatus().withNewUserInfo().withUsername(user).endUserInfo()
                        .endStatus().build()).always();
    }

    @Test
    void connectingReportsServerVersionAndWhoTheServerSaysWeAre() {
        serverAnswersVersionAndUser("alice@example.com");
        try (Connection connection = new ConnectionService(kubeconfigs).connect(kubeconfigFor(server.url("/")), "mock")) {
            assertThat(connection.info().serverVersion()).isEqualTo("v1.34.10");
            assertThat(connection.info().userName()).isEqualTo("alice@example.com");
            assertThat(connection.info().context().name()).isEqualTo("mock");
        }
    }

    @Test
    void anAnonymousAnswerIsExplainedAsMissingCredentials() {
        serverAnswersVersionAndUser("system:anonymous");
        assertThatThrownBy(() -> new ConnectionService(kubeconfigs).connect(kubeconfigFor(server.url("/")), "mock"))
                .isInstanceOfSatisfying(ProblemException.class, e ->
                        assertThat(e.problem().kind()).isEqualTo(ProblemKind.ANONYMOUS));
    }

    @Test
    void rejectedCredentialsAreExplainedAsUnauthorized() {
        // The mock server always answers /version; a real server would refuse the bad token there already.
        server.expect().post().withPath("/apis/authentication.k8s.io/v1/selfsubjectreviews").andReturn(401,
                new StatusBuilder().withCode(401).withMessage("Unauthorized").build()).always();
        assertThatThrownBy(() -> new ConnectionService(kubeconfigs).connect(kubeconfigFor(server.url("/")), "mock"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.UNAUTHORIZED);
                    assertThat(e.problem().detail().args()).contains("mock-user", "mock");
                });
    }

    @Test
    void aClosedPortFailsFastAsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> new ConnectionService(kubeconfigs)
                .connect(kubeconfigFor("https://127.0.0.1:" + port), "mock"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ProblemKind.UNREACHABLE);
                    assertThat(e.problem().detail().args()).contains("https://127.0.0.1:" + port + "/");
                });
        System.out.printf("closed port explained after %d ms%n", Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @Test
    void namespacesAreListedWithTheirClusterCountsAndTheContextNamespaceIsPreferred() {
        serverAnswersVersionAndUser("alice");
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team-b").endMetadata().build()).create();
        client.configMaps().inNamespace("team-b").resource(TuskObjects.clusterConfig("hippo", "team-b", 2)).create();
        try (Connection connection = new ConnectionService(kubeconfigs).connect(kubeconfigFor(server.url("/")), "mock")) {
            var choices = new NamespaceService().usableNamespaces(connection);
            assertThat(choices).extracting(NamespaceChoice::name).containsExactly("team-a", "team-b");
            assertThat(choices).extracting(NamespaceChoice::clusterCount).containsExactly(0, 1);
            assertThat(NamespaceService.preferredNamespace(choices, "team-a", true)).isEqualTo("team-a");
            assertThat(NamespaceService.preferredNamespace(choices, "default", false)).isEqualTo("team-b");
        }
    }

    @Test
    void namespaceAccessListsWhatTheUserMayNotDo() {
        serverAnswersVersionAndUser("alice");
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReturn(201,
                new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(true).endStatus().build()).times(3);
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews").andReturn(201,
                new SelfSubjectAccessReviewBuilder().withNewStatus().withAllowed(false).endStatus().build()).once();
        try (Connection connection = new ConnectionService(kubeconfigs).connect(kubeconfigFor(server.url("/")), "mock")) {
            NamespaceAccess access = new NamespaceService().access(connection, "team-a");
            assertThat(access.canWatchClusters()).isFalse();
            assertThat(access.missing()).containsExactly("watch pods");
        }
    }
}
