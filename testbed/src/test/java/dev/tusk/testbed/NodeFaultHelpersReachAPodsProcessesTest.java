package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fault-injection helpers HA tests use on the local testbed: a container's host PID, its processes,
 * SIGSTOP/SIGCONT, freezing the whole container, and commands inside the pod's network namespace. */
@OnTestbed
class NodeFaultHelpersReachAPodsProcessesTest {

    private static final String POD = "sleeper";
    private static final String CONTAINER = "main";
    /** A shell that writes the time to /tmp/tick ten times a second: progress visible from the host. */
    private static final String TICKER = "while :; do date +%s%N > /tmp/tick; sleep 0.1; done";

    @BeforeAll
    static void startASleepingPod(TestNamespace ns) {
        org.junit.jupiter.api.Assumptions.assumeTrue(ns.testbed().isLocalTestbed(), "only on the local testbed");
        ns.client().pods().inNamespace(ns.name()).resource(new PodBuilder()
                .withNewMetadata().withName(POD).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(1L)
                .addToContainers(new ContainerBuilder().withName(CONTAINER)
                        .withImage(Testbed.AGENT_IMAGE).withImagePullPolicy("IfNotPresent")
                        .withCommand("/usr/bin/catatonit", "--", "/bin/sh", "-c", TICKER).build())
                .endSpec().build()).create();
        ns.waitForPodReady(POD, Duration.ofMinutes(2));
    }

    @Test
    void theHostPidIsTheContainersEntrypointAndItsChildrenAreFound(TestNamespace ns) {
        TestbedNode node = ns.testbed().node();
        Pod pod = ns.pod(POD);
        long pid = node.hostPid(pod, CONTAINER);
        assertThat(TestbedNode.commandLine(pid)).startsWith("/usr/bin/catatonit");
        assertThat(node.containerPids(pod, CONTAINER)).first().isEqualTo(pid);
        assertThat(node.findProcess(pod, CONTAINER, "/bin/sh -c " + TICKER)).isPresent();
    }

    @Test
    void sigstopHaltsAProcessAndSigcontResumesIt(TestNamespace ns) throws Exception {
        TestbedNode node = ns.testbed().node();
        long shell = node.findProcess(ns.pod(POD), CONTAINER, "/bin/sh -c " + TICKER).orElseThrow();
        node.pause(shell);
        try {
            assertThat(TestbedNode.processState(shell)).isEqualTo("T");
            Thread.sleep(300); // a date(1) the shell forked just before the stop may still write once
            assertThat(ticksWithin(shell, Duration.ofMillis(700))).as("ticks while stopped").isFalse();
        } finally {
            node.resume(shell);
        }
        assertThat(ticksWithin(shell, Duration.ofSeconds(5))).as("ticks after SIGCONT").isTrue();
    }

    @Test
    void freezingTheContainerHaltsItsProcessesUntilItIsThawed(TestNamespace ns) throws Exception {
        TestbedNode node = ns.testbed().node();
        Pod pod = ns.pod(POD);
        long shell = node.findProcess(pod, CONTAINER, "/bin/sh -c " + TICKER).orElseThrow();
        node.freeze(pod, CONTAINER);
        try {
            assertThat(node.freezerState(pod, CONTAINER)).isEqualTo("FROZEN");
            assertThat(ticksWithin(shell, Duration.ofMillis(700))).as("ticks while frozen").isFalse();
        } finally {
            node.thaw(pod, CONTAINER);
        }
        assertThat(ticksWithin(shell, Duration.ofSeconds(5))).as("ticks after thaw").isTrue();
        assertThat(ns.exec(POD, Duration.ofSeconds(30), "echo", "thawed").requireSuccess().stdout()).isEqualTo("thawed\n");
    }

    @Test
    void aCommandInThePodsNetworkNamespaceSeesThePodsAddress(TestNamespace ns) {
        TestbedNode node = ns.testbed().node();
        Pod pod = ns.pod(POD);
        String addresses = node.inNetworkNamespace(node.hostPid(pod, CONTAINER), "ip", "-o", "-4", "addr", "show")
                .requireSuccess().stdout();
        assertThat(addresses).contains(" " + pod.getStatus().getPodIP() + "/");
    }

    /** Whether /tmp/tick in the process's root changes within {@code window} (read from the host). */
    private static boolean ticksWithin(long pid, Duration window) throws Exception {
        Path tick = Path.of("/proc", Long.toString(pid), "root", "tmp", "tick");
        String first = Files.readString(tick);
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(50);
            if (!Files.readString(tick).equals(first)) {
                return true;
            }
        }
        return false;
    }
}
