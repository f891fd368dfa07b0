package dev.tusk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.testing.Kubeconfigs;
import dev.tusk.app.testing.TuskObjects;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code tusk} commands end to end over the fabric8 mock server in CRUD mode (a mock API server). */
@EnableKubernetesMockClient(crud = true)
class CliCommandsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig;

    private static CliRun tusk(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void kubeconfigPointingAtTheMockServer() {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.10").build());
        kubeconfig = Kubeconfigs.withToken(dir, "kubeconfig", "mock", server.url("/"), "t0ken", "team-a");
        Kubeconfigs.write(dir.resolve("two.yaml"), """
                apiVersion: v1
                kind: Config
                current-context: b
                clusters:
                  - {name: c, cluster: {server: "https://198.19.0.1:6443"}}
                contexts:
                  - {name: a, context: {cluster: c, user: u, namespace: db}}
                  - {name: b, context: {cluster: c, user: u}}
                users:
                  - {name: u, user: {token: secret-value}}
                """);
    }

    @Test
    void contextsPrintsATableWithTheCurrentOneMarked() {
        CliRun run = tusk("contexts", "--kubeconfig", dir.resolve("two.yaml").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "CURRENT   NAME   SERVER                    USER   NAMESPACE",
                "          a      https://198.19.0.1:6443   u      db",
                "*         b      https://198.19.0.1:6443   u");
        assertThat(run.out()).doesNotContain("secret-value");
    }

    @Test
    void contextsOutputNameIsOneNamePerLineForScripts() {
        CliRun run = tusk("contexts", "--kubeconfig", dir.resolve("two.yaml").toString(), "-o", "name");
        assertThat(run.out()).isEqualTo("a" + System.lineSeparator() + "b" + System.lineSeparator());
    }

    @Test
    void listShowsReadyCountPrimaryAndPhasesInTheContextNamespace() {
        client.configMaps().inNamespace("team-a").resource(TuskObjects.clusterConfig("hippo", "team-a", 3)).create();
        client.pods().inNamespace("team-a").resource(TuskObjects.instancePod("hippo", "team-a", 0, Labels.ROLE_PRIMARY)).create();
        client.pods().inNamespace("team-a").resource(
                TuskObjects.instancePod("hippo", "team-a", 1, Labels.ROLE_REPLICA, "Pending", false)).create();
        CliRun run = tusk("list", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "NAME    READY   PRIMARY               PHASES                            POSTGRES   NOTES",
                "hippo   1/3     hippo-instance1-0-0   1 Running, 1 Pending, 1 Missing   17");
    }

    @Test
    void listOfAnEmptyNamespaceSaysSoOnStderrAndSucceeds() {
        CliRun run = tusk("list", "--kubeconfig", kubeconfig.toString(), "-n", "empty");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("No Tusk clusters found in namespace empty.");
    }

    @Test
    void getPrintsTheSpecAsStoredOrAsJson() {
        client.configMaps().inNamespace("db").resource(TuskObjects.clusterConfig("hippo", "db", 2)).create();
        CliRun yaml = tusk("get", "hippo", "-n", "db", "--kubeconfig", kubeconfig.toString(), "-o", "yaml");
        assertThat(yaml.exitCode()).as(yaml.err()).isZero();
        assertThat(yaml.out()).startsWith("apiVersion: tusk.dev/v1alpha1\nkind: TuskCluster\n").contains("name: hippo", "replicas: 2");
        CliRun json = tusk("get", "hippo", "-n", "db", "--kubeconfig", kubeconfig.toString(), "-o", "json");
        assertThat(json.out()).contains("\"name\" : \"hippo\"", "\"replicas\" : 2");
    }

    @Test
    void getOfAnAbsentClusterExitsOneNamingClusterAndNamespace() {
        CliRun run = tusk("get", "nope", "-n", "db", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cluster nope not found in namespace db");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(tusk("get").exitCode()).isEqualTo(2);
        assertThat(tusk("list", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(tusk("get", "x", "-o", "xml").exitCode()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerExitsOneWithTheExplanationOnStderr() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path closed = Kubeconfigs.withToken(dir, "closed.yaml", "down", "https://127.0.0.1:" + port, "t", "db");
        CliRun run = tusk("list", "--kubeconfig", closed.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: Cannot reach the Kubernetes API server")
                .contains("https://127.0.0.1:" + port, "refused", "What to do:");
    }

    @Test
    void aMissingKubeconfigIsExplained() {
        CliRun run = tusk("contexts", "--kubeconfig", dir.resolve("absent.yaml").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No kubeconfig found", "absent.yaml");
    }
}
