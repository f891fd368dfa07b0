package dev.tusk.runtime.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The host processes of one container, found through its cgroup: the kubelet (cgroupfs driver) names the
 * container's cgroup directory after the container ID, under {@code kubepods} in every controller hierarchy.
 */
public final class ContainerProcesses {

    private static final List<Path> ROOTS = List.of(
            Path.of("/sys/fs/cgroup/pids"), Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup/cpu"),
            Path.of("/sys/fs/cgroup/systemd"), Path.of("/sys/fs/cgroup/unified"), Path.of("/sys/fs/cgroup"));

    private ContainerProcesses() {
    }

    /** The cgroup directory of a container ({@code containerd://<id>} or the bare id). */
    public static Path cgroupOf(String containerId) {
        String id = containerId.contains("://") ? containerId.substring(containerId.indexOf("://") + 3) : containerId;
        for (Path root : ROOTS) {
            for (String top : List.of("kubepods", "kubepods.slice")) {
                Path base = root.resolve(top);
                if (!Files.isDirectory(base)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(base, 4)) {
                    Optional<Path> hit = s.filter(Files::isDirectory)
                            .filter(p -> p.getFileName().toString().contains(id))
                            .findFirst();
                    if (hit.isPresent()) {
                        return hit.get();
                    }
                } catch (IOException | java.io.UncheckedIOException ignored) {
                    // the container went away while we walked; try the next hierarchy
                }
            }
        }
        throw new IllegalStateException("no cgroup found for container " + id + " under /sys/fs/cgroup/*/kubepods;"
                + " is it running on this node?");
    }

    /** Every process of the container, in PID order; empty when it has exited. */
    public static List<HostProcess> of(String containerId) {
        Path dir = cgroupOf(containerId);
        List<HostProcess> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                if (!line.isBlank()) {
                    HostProcess.read(Long.parseLong(line.strip())).ifPresent(out::add);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(java.util.Comparator.comparingLong(HostProcess::pid));
        return out;
    }

    /** The postmaster: a {@code postgres} process whose parent is not one. */
    public static Optional<HostProcess> postmaster(List<HostProcess> procs) {
        return procs.stream()
                .filter(p -> p.comm().equals("postgres"))
                .filter(p -> procs.stream().noneMatch(q -> q.pid() == p.ppid() && q.comm().equals("postgres")))
                .findFirst();
    }
}
