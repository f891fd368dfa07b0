package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * A 3-member HA PostgreSQL cluster on the testbed under a fault: Tusk's or Patroni's. Everything the faults and the
 * checkers need that differs between the two systems is here; everything else (which member is primary, whether
 * the cluster is healthy) is decided from PostgreSQL itself, the same way for both.
 */
public interface HaCluster extends AutoCloseable {

    /** Short name for tables: {@code tusk}, {@code patroni-default}, {@code patroni-tuned}. */
    String label();

    /** One sentence: system, timings and replication mode. */
    String describe();

    KubernetesClient client();

    String namespace();

    /** The name of the container running PostgreSQL and the HA agent. */
    String databaseContainer();

    int expectedMembers();

    boolean requiredSync();

    /** Creates the cluster and returns once it has a primary and streaming replicas (or throws, saying why). */
    void deploy() throws Exception;

    /** The cluster's pods (running or not), from the API server. */
    List<Pod> pods();

    /** How to reach a member's PostgreSQL directly (pod IP) as the superuser. */
    PgEndpoint direct(String podIp);

    /** The primary route: the read-write Service's ClusterIP. */
    PgEndpoint primaryRoute();

    /** The HA agent's processes among a container's processes (Tusk: agent JVM and fence keeper; Patroni: patroni). */
    List<HostProcess> agentProcesses(List<HostProcess> containerProcesses);

    /** The one process "kill of the agent" kills. */
    HostProcess agentMainProcess(List<HostProcess> containerProcesses);

    /** A planned switchover away from {@code primaryPod}, through the system's own API; returns when accepted. */
    void switchover(String primaryPod) throws Exception;

    /**
     * What, in the HA system's own records, still keeps the cluster from being settled with {@code primary} as
     * leader (its consensus object names another holder; in required-sync no synchronous standby is published yet);
     * null when settled. PostgreSQL alone cannot tell: Patroni, for example, first runs with
     * {@code synchronous_standby_names = '*'} (standbys show as sync) before it publishes one in its /sync key,
     * and until then no replica may be promoted.
     */
    String unsettled(String primary);

    /** Deletes the namespace and everything in it. */
    @Override
    void close();

    /** Members with an IP, as the checker needs them: pod name → direct endpoint. */
    default Map<String, PgEndpoint> memberEndpoints() {
        Map<String, PgEndpoint> m = new java.util.TreeMap<>();
        for (Pod p : pods()) {
            String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
            if (ip != null && !ip.isBlank() && p.getMetadata().getDeletionTimestamp() == null) {
                m.put(p.getMetadata().getName(), direct(ip));
            }
        }
        return m;
    }

    /** The container ID ({@code containerd://…}) of the database container of a pod, or null when not running. */
    default String containerId(String podName) {
        Pod pod = client().pods().inNamespace(namespace()).withName(podName).get();
        if (pod == null || pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getName().equals(databaseContainer()))
                .filter(s -> s.getState() != null && s.getState().getRunning() != null)
                .map(s -> s.getContainerID())
                .findFirst().orElse(null);
    }

    /** The host processes of a pod's database container (empty when it is not running). */
    default List<HostProcess> containerProcesses(String podName) {
        String id = containerId(podName);
        return id == null ? List.of() : ContainerProcesses.of(id);
    }
}
