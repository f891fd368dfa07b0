package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The faults of issue 4, by name. Each call of {@link #create} returns a fresh, single-use fault. */
public final class Faults {

    private static final Map<String, Supplier<Fault>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("postmaster-kill", PostmasterKill::new);
        ALL.put("agent-kill", AgentKill::new);
        ALL.put("pod-delete", PodDelete::new);
        ALL.put("api-cutoff", ApiCutoff::new);
        ALL.put("freeze", Freeze::new);
        ALL.put("crash-in-place", CrashInPlace::new);
        ALL.put("switchover", Switchover::new);
    }

    /** The five faults every chaos run rotates through (issue 4, "Proof on real things"). */
    public static final List<String> CHAOS = List.of("postmaster-kill", "agent-kill", "pod-delete", "api-cutoff",
            "freeze");

    private Faults() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    public static Fault create(String name) {
        Supplier<Fault> f = ALL.get(name);
        if (f == null) {
            throw new IllegalArgumentException("--fault " + name + " is not a fault; use one of " + names());
        }
        return f.get();
    }

    /** SIGKILL of the postmaster (its backends stay until they notice; shared memory may still be attached). */
    static final class PostmasterKill implements Fault {
        public String name() {
            return "postmaster-kill";
        }

        public String description() {
            return "kill -9 of the primary's postmaster (host PID)";
        }

        public boolean persistent() {
            return false;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            HostProcess pm = ContainerProcesses.postmaster(cluster.containerProcesses(primaryPod))
                    .orElseThrow(() -> new IllegalStateException("no postmaster found in " + primaryPod));
            pm.signal("KILL");
        }

        public void heal() {
        }
    }

    /**
     * Crash in place: an immediate shutdown of the primary's PostgreSQL, exactly what {@code pg_ctl stop -m
     * immediate} does (it sends SIGQUIT to the postmaster); sent from the host so that no exec into the pod is
     * needed.
     */
    static final class CrashInPlace implements Fault {
        public String name() {
            return "crash-in-place";
        }

        public String description() {
            return "immediate shutdown of the primary's PostgreSQL (SIGQUIT to the postmaster = pg_ctl stop -m immediate)";
        }

        public boolean persistent() {
            return false;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            HostProcess pm = ContainerProcesses.postmaster(cluster.containerProcesses(primaryPod))
                    .orElseThrow(() -> new IllegalStateException("no postmaster found in " + primaryPod));
            pm.signal("QUIT");
        }

        public void heal() {
        }
    }

    /** SIGKILL of the HA agent's main process (Tusk's agent JVM; Patroni's patroni process). */
    static final class AgentKill implements Fault {
        public String name() {
            return "agent-kill";
        }

        public String description() {
            return "kill -9 of the primary's HA agent process (host PID)";
        }

        public boolean persistent() {
            return false;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            cluster.agentMainProcess(cluster.containerProcesses(primaryPod)).signal("KILL");
        }

        public void heal() {
        }
    }

    /** Deletion of the primary pod, as a user would (default grace period); its StatefulSet makes a new one. */
    static final class PodDelete implements Fault {
        public String name() {
            return "pod-delete";
        }

        public String description() {
            return "deletion of the primary pod (default grace period)";
        }

        public boolean persistent() {
            return false;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            cluster.client().pods().inNamespace(cluster.namespace()).withName(primaryPod).delete();
        }

        public void heal() {
        }
    }

    /** Planned switchover through the system's own API (not a fault, measured the same way). */
    static final class Switchover implements Fault {
        public String name() {
            return "switchover";
        }

        public String description() {
            return "planned switchover through the HA system's API";
        }

        public boolean persistent() {
            return false;
        }

        public void inject(HaCluster cluster, String primaryPod) throws Exception {
            cluster.switchover(primaryPod);
        }

        public void heal() {
        }
    }

    /**
     * The primary cut off from the API server: DROP rules in the pod's network namespace for the kubernetes
     * Service IP and every API server endpoint. Established connections (watches) hang, as in a real partition.
     */
    static final class ApiCutoff implements Fault {
        private HaCluster cluster;
        private String pod;
        private final List<List<String>> rules = new ArrayList<>();

        public String name() {
            return "api-cutoff";
        }

        public String description() {
            return "the primary cut off from the API server (iptables DROP in its network namespace)";
        }

        public boolean persistent() {
            return true;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            this.cluster = cluster;
            this.pod = primaryPod;
            Service svc = cluster.client().services().inNamespace("default").withName("kubernetes").get();
            rules.add(List.of("-d", svc.getSpec().getClusterIP() + "/32"));
            Endpoints ep = cluster.client().endpoints().inNamespace("default").withName("kubernetes").get();
            for (var subset : ep.getSubsets()) {
                for (EndpointAddress a : subset.getAddresses()) {
                    for (EndpointPort p : subset.getPorts()) {
                        rules.add(List.of("-d", a.getIp() + "/32", "-p", "tcp", "--dport", p.getPort().toString()));
                    }
                }
            }
            for (List<String> rule : rules) {
                iptables(cluster, primaryPod, "-I", rule).orThrow("iptables in " + primaryPod);
            }
        }

        public void heal() {
            if (cluster == null) {
                return;
            }
            for (List<String> rule : rules) {
                for (int i = 0; i < 5 && iptables(cluster, pod, "-D", rule).exitCode() == 0; i++) {
                    // delete until no copy is left
                }
            }
            rules.clear();
        }

        private static Shell.Result iptables(HaCluster cluster, String pod, String op, List<String> match) {
            List<HostProcess> procs = cluster.containerProcesses(pod);
            if (procs.isEmpty()) {
                return new Shell.Result(1, pod + " has no running database container (its network is gone)");
            }
            List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + procs.get(0).pid() + "/ns/net",
                    "iptables", "-w", op, "OUTPUT"));
            if (op.equals("-I")) {
                cmd.add("1");
            }
            cmd.addAll(match);
            cmd.addAll(List.of("-m", "comment", "--comment", "tusk-chaos", "-j", "DROP"));
            return Shell.run(cmd);
        }
    }

    /**
     * The primary frozen: SIGSTOP to every process of its database container (agent, fence keeper, postmaster and
     * backends; repeated until no new process appears), SIGCONT to all of them on heal. The pod's network stays
     * up, so connections are accepted by the kernel and then hang, as with a paused VM.
     */
    static final class Freeze implements Fault {
        private HaCluster cluster;
        private String pod;
        private final List<HostProcess> stopped = new ArrayList<>();

        public String name() {
            return "freeze";
        }

        public String description() {
            return "the primary frozen: SIGSTOP to every process of its database container, SIGCONT to heal";
        }

        public boolean persistent() {
            return true;
        }

        public void inject(HaCluster cluster, String primaryPod) {
            this.cluster = cluster;
            this.pod = primaryPod;
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (int pass = 0; pass < 10; pass++) {
                List<HostProcess> fresh = cluster.containerProcesses(primaryPod).stream()
                        .filter(p -> !seen.contains(p.pid())).toList();
                if (fresh.isEmpty() && pass > 0) {
                    break;
                }
                for (HostProcess p : fresh) {
                    if (p.signal("STOP")) {
                        stopped.add(p);
                    }
                    seen.add(p.pid());
                }
            }
            if (stopped.isEmpty()) {
                throw new IllegalStateException("nothing to freeze in " + primaryPod);
            }
        }

        public void heal() {
            if (cluster == null) {
                return;
            }
            for (HostProcess p : stopped) {
                p.signal("CONT");
            }
            for (HostProcess p : cluster.containerProcesses(pod)) {
                p.signal("CONT");
            }
            stopped.clear();
        }
    }
}
