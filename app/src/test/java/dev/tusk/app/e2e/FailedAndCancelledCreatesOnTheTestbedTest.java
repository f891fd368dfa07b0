package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.testing.TestbedConnections;
import dev.tusk.app.testing.TuskProcess;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.testbed.Testbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A create that cannot succeed (it asks for more CPU than the node has: the pod never starts) on the real testbed, through
 * {@code tusk create --wait} in its own JVM: timed out, or interrupted as Ctrl-C would, it removes everything it made
 * — objects and its new data volume — and says so.
 */
@OnTestbed(namespacePerTest = true)
class FailedAndCancelledCreatesOnTheTestbedTest {

    private static Path spec(TestNamespace ns, String name) throws Exception {
        // more CPU than the node has: the pod never schedules (and nothing tries to pull an image from anywhere)
        ClusterSpec spec = ClusterSpec.minimal(name, ns.name()).withInstanceSets(List.of(new ClusterSpec.InstanceSetSpec(
                "instance1", 1, null, new ClusterSpec.ResourcesSpec("64", null, null, null), null)));
        Path file = Files.createTempFile(name, ".yaml");
        Files.writeString(file, ClusterSpecYaml.write(spec));
        return file;
    }

    private static void nothingLeft(TestNamespace ns, String cluster) {
        Map<String, String> selector = Map.of(Labels.CLUSTER, cluster);
        var client = ns.client();
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            assertThat(client.configMaps().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.apps().statefulSets().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.secrets().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.services().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.leases().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
            assertThat(client.persistentVolumeClaims().inNamespace(ns.name()).withLabels(selector).list().getItems()).isEmpty();
        });
    }

    @Test
    void aCreateThatTimesOutRemovesEverythingItMadeAndExitsOne(TestNamespace ns, Testbed testbed) throws Exception {
        TuskProcess.Result run = TuskProcess.run(TestbedConnections.kubeconfig(testbed), Duration.ofMinutes(3),
                "create", "-f", spec(ns, "lost").toString(), "--wait", "--timeout", "25s");
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
        assertThat(run.stderr()).contains("waits for a node", "Insufficient cpu", "did not accept writes in time",
                "was removed, its new data volumes included; nothing is left");
        nothingLeft(ns, "lost");
    }

    @Test
    void anInterruptedCreateRollsBackBeforeTheProcessEnds(TestNamespace ns, Testbed testbed) throws Exception {
        try (TuskProcess create = TuskProcess.start(TestbedConnections.kubeconfig(testbed), "create", "-f",
                spec(ns, "halted").toString(), "--wait")) {
            assertThat(create.awaitScreen("StatefulSet/halted-instance1-0 created", Duration.ofSeconds(60)))
                    .as(create.screen()).isTrue();
            create.terminate(); // SIGTERM, as Ctrl-C ends the JVM: the shutdown hook cancels and waits for the clean-up
            int exit = create.waitFor(Duration.ofMinutes(2));
            System.out.println("interrupted create: exit " + exit + "\n" + create.screen());
            assertThat(exit).as(create.screen()).isEqualTo(1);
            assertThat(create.screen()).contains("tusk: cancelling; cleaning up first",
                    "Removing everything this create made for cluster halted",
                    "cancelled: Everything this create made for cluster halted", "nothing is left");
        }
        nothingLeft(ns, "halted");
    }
}
