package dev.tusk.testbed;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local testbed's node seen from the host, for fault injection: a container's host PIDs (through the
 * testbed's containerd), commands in a pod's network namespace ({@code nsenter -n}), signals such as SIGSTOP, and
 * freezing a whole container through its cgroup-v1 freezer. Only on {@link Testbed#isLocalTestbed()}.
 */
public final class TestbedNode {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Path FREEZER = Path.of("/sys/fs/cgroup/freezer");

    private final KubernetesClient client;

    TestbedNode(KubernetesClient client) {
        this.client = client;
    }

    /** containerd's id of the named container of the pod (from the pod's status), e.g. {@code 3f9c…}. */
    public String containerId(Pod pod, String container) {
        Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
        if (current == null) {
            throw new IllegalStateException("pod " + pod.getMetadata().getName() + " is gone");
        }
        return Stream.concat(current.getStatus().getContainerStatuses().stream(),
                        current.getStatus().getInitContainerStatuses().stream())
                .filter(s -> s.getName().equals(container))
                .map(ContainerStatus::getContainerID)
                .filter(id -> id != null && !id.isBlank())
                .map(id -> id.substring(id.indexOf("://") + 3))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("container " + container + " of pod "
                        + pod.getMetadata().getName() + " has no running container yet: " + TestNamespace.containerIds(current)));
    }

    /** The host PID of the container's first process (its entrypoint), from {@code ctr tasks ls}. */
    public long hostPid(Pod pod, String container) {
        String id = containerId(pod, container);
        HostCommand.Result tasks = HostCommand.run(COMMAND_TIMEOUT, "ctr", "--address",
                Testbed.TESTBED_CONTAINERD_SOCKET.toString(), "-n", "k8s.io", "tasks", "ls").requireSuccess();
        return tasks.stdout().lines()
                .map(String::trim)
                .filter(l -> l.startsWith(id + " ") || l.startsWith(id + "\t"))
                .map(l -> l.split("\\s+"))
                .filter(f -> f.length >= 3 && f[2].equals("RUNNING"))
                .map(f -> Long.parseLong(f[1]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running containerd task " + id + " for container "
                        + container + "; ctr tasks ls said:\n" + tasks.stdout()));
    }

    /** Every host PID in the container (its cgroup), entrypoint first. */
    public List<Long> containerPids(Pod pod, String container) {
        Path cgroup = cgroupOf(containerId(pod, container), Path.of("/sys/fs/cgroup/pids"));
        try {
            List<Long> pids = new ArrayList<>(Files.readAllLines(cgroup.resolve("cgroup.procs")).stream()
                    .filter(l -> !l.isBlank()).map(Long::parseLong).toList());
            long first = hostPid(pod, container);
            pids.remove(first);
            pids.addFirst(first);
            return pids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The host PID of the first process in the container whose command line starts with {@code prefix}, e.g.
     * "postgres -D" for the postmaster or "/opt/java/bin/java" for the agent (the entrypoint, catatonit, starts
     * with "/usr/bin/catatonit").
     */
    public Optional<Long> findProcess(Pod pod, String container, String prefix) {
        return containerPids(pod, container).stream()
                .filter(pid -> commandLine(pid).startsWith(prefix))
                .findFirst();
    }

    /** The process's command line, arguments separated by spaces ("" when it is gone). */
    public static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs {@code command} on the host inside the network namespace of {@code pid} (e.g. iptables rules that cut a pod off). */
    public HostCommand.Result inNetworkNamespace(long pid, String... command) {
        List<String> full = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n", "--"));
        full.addAll(List.of(command));
        return HostCommand.run(COMMAND_TIMEOUT, full);
    }

    /** Sends a signal (e.g. "STOP", "CONT", "KILL") to one host process. */
    public void signal(long pid, String signal) {
        HostCommand.run(COMMAND_TIMEOUT, "kill", "-s", signal, Long.toString(pid)).requireSuccess();
    }

    /** SIGSTOP, then waits (up to 10 s) until the kernel shows the process stopped: delivery is asynchronous. */
    public void pause(long pid) {
        signal(pid, "STOP");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!processState(pid).equals("T")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("process " + pid + " not stopped 10 s after SIGSTOP: " + processState(pid));
            }
            TestNamespace.sleep(Duration.ofMillis(10));
        }
    }

    /** SIGCONT: undoes {@link #pause(long)}. */
    public void resume(long pid) {
        signal(pid, "CONT");
    }

    /** The one-letter state of a host process from /proc (R, S, D, T, Z …; "" when it is gone). */
    public static String processState(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("State:")).findFirst().map(l -> l.split("\\s+")[1]).orElse("");
        } catch (IOException e) {
            return "";
        }
    }

    /** Freezes every process of the container at once (cgroup-v1 freezer), as a hung node would look; returns
     * once the kernel reports FROZEN. */
    public void freeze(Pod pod, String container) {
        writeFreezer(pod, container, "FROZEN");
    }

    /** Undoes {@link #freeze(Pod, String)}. */
    public void thaw(Pod pod, String container) {
        writeFreezer(pod, container, "THAWED");
    }

    /** The container's freezer state: THAWED, FREEZING or FROZEN. */
    public String freezerState(Pod pod, String container) {
        Path file = cgroupOf(containerId(pod, container), FREEZER).resolve("freezer.state");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the state and waits (up to 10 s) until the kernel reports it: freezing is asynchronous. */
    private void writeFreezer(Pod pod, String container, String state) {
        Path file = cgroupOf(containerId(pod, container), FREEZER).resolve("freezer.state");
        try {
            Files.writeString(file, state);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!Files.readString(file).trim().equals(state)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(file + " did not reach " + state + " within 10 s: " + Files.readString(file).trim());
                }
                TestNamespace.sleep(Duration.ofMillis(20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not set " + file + " to " + state, e);
        }
    }

    /** The container's cgroup directory in a v1 hierarchy: kubelet (cgroupfs driver) names it after the container id. */
    private static Path cgroupOf(String containerId, Path hierarchy) {
        try (Stream<Path> dirs = Files.find(hierarchy.resolve("kubepods"), 4,
                (p, attrs) -> attrs.isDirectory() && p.getFileName().toString().equals(containerId))) {
            return dirs.findFirst().orElseThrow(() -> new IllegalStateException(
                    "no cgroup for container " + containerId + " under " + hierarchy.resolve("kubepods")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
