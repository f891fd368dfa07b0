package dev.tusk.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.testing.ClusterObjects;
import dev.tusk.app.testing.Kubeconfigs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operation commands' contract with scripts — exit codes, what goes to stdout and stderr, refusals before
 * anything is changed — over the fabric8 mock API server in CRUD mode (a mock). Their effects on a real cluster are
 * the runbook's (testbed).
 */
@EnableKubernetesMockClient(crud = true)
class OperationCommandsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    @TempDir
    Path dir;

    private Path kubeconfig;
    private Supplier<BufferedReader> terminalBefore;

    private static CliRun tusk(String... args) {
        return CliRun.of(args);
    }

    @BeforeEach
    void kubeconfigAndACluster() {
        server.setVersionInfo(new VersionInfo.Builder().withMajor("1").withMinor("34").withGitVersion("v1.34.10").build());
        kubeconfig = Kubeconfigs.withToken(dir, "kubeconfig", "mock", server.url("/"), "t0ken", "db");
        client.configMaps().inNamespace("db").resource(ClusterObjects.config(2, false)).create();
        client.pods().inNamespace("db").resource(ClusterObjects.pod("hippo-instance1-0-0", "primary", "198.18.0.10", true, 0,
                "{\"timeline\": 2, \"lastDecision\": \"holding the lease; renewed 0.4 s ago\"}")).create();
        client.pods().inNamespace("db").resource(ClusterObjects.pod("hippo-instance1-1-0", "replica", "198.18.0.11", true, 1,
                "{\"timeline\": 2, \"lagBytes\": 4096}")).create();
        client.leases().inNamespace("db").resource(ClusterObjects.lease("hippo-instance1-0-0", "2", "[]")).create();
        client.discovery().v1().endpointSlices().inNamespace("db").resource(ClusterObjects.slice("198.18.0.10")).create();
        terminalBefore = DeleteCommand.terminal;
    }

    @AfterEach
    void restoreTerminal() {
        DeleteCommand.terminal = terminalBefore;
    }

    @Test
    void statusPrintsTheTopologyTableAndTheLeadersLastDecision() {
        CliRun run = tusk("status", "hippo", "--no-agent", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).startsWith(
                "MEMBER                ROLE      LEASE   ROUTED   PHASE     READY   LAG(BYTES)   LAG(S)   TL   RESTARTS   NODE",
                "hippo-instance1-0-0   primary   *       *        Running   true    -            -        2    0          testbed",
                "hippo-instance1-1-0   replica                    Running   true    4096         -        2    1          testbed");
        assertThat(run.out()).contains("Leader lease:  hippo-instance1-0-0, timeline 2",
                "Primary route: hippo-instance1-0-0 (198.18.0.10)", "Last decision: holding the lease; renewed 0.4 s ago",
                "Agent API:     not asked");
    }

    @Test
    void statusAsJsonIsTheWholeTopologyForScripts() {
        CliRun run = tusk("status", "hippo", "--no-agent", "-o", "json", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("\"leaseHolder\" : \"hippo-instance1-0-0\"", "\"lagBytes\" : 4096");
    }

    @Test
    void statusOfAnAbsentClusterExitsOne() {
        CliRun run = tusk("status", "nope", "--no-agent", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cluster nope not found in namespace db");
    }

    @Test
    void deleteWithoutAChoiceAndWithoutATerminalRefusesAndDeletesNothing() {
        DeleteCommand.terminal = () -> null;
        CliRun run = tusk("delete", "hippo", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--keep-pvcs", "--delete-pvcs");
        assertThat(client.configMaps().inNamespace("db").withName("hippo-config").get()).isNotNull();
        assertThat(tusk("delete", "hippo", "--keep-pvcs", "--delete-pvcs").exitCode()).isEqualTo(2);
    }

    @Test
    void deleteInteractivelyNeedsTheTypedNameAndKeepsVolumes() {
        DeleteCommand.terminal = () -> new BufferedReader(new StringReader("hipo\n"));
        CliRun typo = tusk("delete", "hippo", "--kubeconfig", kubeconfig.toString());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("does not match hippo; nothing was deleted");
        assertThat(client.configMaps().inNamespace("db").withName("hippo-config").get()).isNotNull();
        DeleteCommand.terminal = () -> new BufferedReader(new StringReader("hippo\n"));
        CliRun run = tusk("delete", "hippo", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).startsWith("deleted cluster=hippo kept_pvcs=");
        assertThat(client.configMaps().inNamespace("db").withName("hippo-config").get()).isNull();
    }

    @Test
    void scaleRefusalsExitTwoWithTheReasonAndChangeNothing() {
        CliRun nothing = tusk("scale", "hippo", "--set", "instance1", "--kubeconfig", kubeconfig.toString());
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("give --replicas, --storage or both");
        CliRun unknown = tusk("scale", "hippo", "--set", "nope", "--replicas", "3", "--kubeconfig", kubeconfig.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Cluster hippo has no instance set nope. Its sets: instance1.");
        CliRun shrink = tusk("scale", "hippo", "--set", "instance1", "--storage", "512Mi", "--kubeconfig", kubeconfig.toString());
        assertThat(shrink.exitCode()).isEqualTo(2);
        assertThat(shrink.err()).contains("cannot shrink from 1Gi to 512Mi");
    }

    @Test
    void scaleDryRunPrintsThePlanAndChangesNothing() {
        CliRun run = tusk("scale", "hippo", "--set", "instance1", "--replicas", "3", "--dry-run", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Plan:", "Add instance hippo-instance1-2 with a 1Gi data volume");
        assertThat(client.apps().statefulSets().inNamespace("db").list().getItems()).isEmpty();
    }

    @Test
    void createOfAnInvalidSpecExitsTwoListingEveryProblem() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.yaml"), """
                apiVersion: tusk.dev/v1alpha1
                kind: TuskCluster
                metadata:
                  name: Hippo_DB
                spec:
                  instanceSets:
                    - name: instance1
                      replicas: 12
                """);
        CliRun run = tusk("create", "-f", spec.toString(), "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("metadata.name", "replicas");
        assertThat(run.out()).isEmpty();
        assertThat(tusk("create", "-f", dir.resolve("missing.yaml").toString()).exitCode()).isEqualTo(2);
        assertThat(tusk("create", "-f", spec.toString(), "--timeout", "soon").exitCode()).isEqualTo(2);
    }

    @Test
    void switchoverToAnUnknownInstanceExitsOneNamingTheMembers() {
        CliRun run = tusk("switchover", "hippo", "--to", "hippo-instance7-0", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("hippo-instance7-0 is not an instance of cluster hippo",
                "hippo-instance1-0-0, hippo-instance1-1-0");
    }

    @Test
    void durationsReadAsKubectlWritesThem() {
        assertThat(Durations.parse("90s")).hasSeconds(90);
        assertThat(Durations.parse("1h30m")).hasMinutes(90);
        assertThat(Durations.parse("500ms")).hasMillis(500);
        assertThat(Durations.parse("PT2M")).hasSeconds(120);
    }
}
