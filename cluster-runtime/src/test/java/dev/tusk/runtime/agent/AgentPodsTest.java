package dev.tusk.runtime.agent;

import static dev.tusk.runtime.agent.HostAgents.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runbook: a 3-instance cluster rendered by Tusk's renderer comes up in pods from the agent image — one primary, two
 * replicas streaming over TLS with their own slots, roles on the pod labels, the primary EndpointSlice on the holder
 * alone, /cluster served by every agent.
 */
@OnTestbed
class AgentPodsTest {

    @Test
    void a_rendered_three_instance_cluster_bootstraps_streams_and_routes_in_pods(TestNamespace ns) throws Exception {
        PodCluster cluster = new PodCluster(ns, ClusterSpec.ReplicationMode.ASYNC);
        cluster.deploy();
        long t0 = System.nanoTime();
        try {
            await(Duration.ofMinutes(6), "one primary and two streaming replicas", cluster::healthy);
        } catch (AssertionError e) {
            // say why: each pod's state and the last lines of its agent's log
            for (var pod : cluster.pods()) {
                String name = pod.getMetadata().getName();
                System.out.println("== " + name + ": " + pod.getStatus().getPhase());
                String log = ns.logs(name);
                String[] lines = log.split("\n");
                for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
                    System.out.println(lines[i]);
                }
            }
            throw e;
        }
        System.out.printf("pods: cluster healthy %d s after apply%n", (System.nanoTime() - t0) / 1_000_000_000L);

        String primary = cluster.primary();
        String primaryIp = cluster.podIps().get(primary);
        assertThat(cluster.leaseHolder()).isEqualTo(primary);
        await(Duration.ofSeconds(30), "the primary EndpointSlice on the holder alone",
                () -> cluster.primarySliceAddresses().equals(java.util.List.of(primaryIp)));
        await(Duration.ofSeconds(30), "role labels", () -> {
            for (String pod : cluster.podIps().keySet()) {
                String expected = pod.equals(primary) ? Labels.ROLE_PRIMARY : Labels.ROLE_REPLICA;
                if (!expected.equals(cluster.roleLabel(pod))) {
                    return false;
                }
            }
            return true;
        });

        try (Connection c = cluster.connect(primaryIp, Duration.ofSeconds(5)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE s.ssl), count(*) FILTER (WHERE sl.active),"
                     + " current_setting('data_checksums'), current_setting('server_version_num')::int / 10000"
                     + " FROM pg_stat_replication r JOIN pg_stat_ssl s ON s.pid = r.pid"
                     + " LEFT JOIN pg_replication_slots sl ON sl.active_pid = r.pid")) {
            rs.next();
            assertThat(rs.getInt(1)).as("streams over TLS").isEqualTo(2);
            assertThat(rs.getInt(2)).as("streams on their own slots").isEqualTo(2);
            assertThat(rs.getString(3)).isEqualTo("on");
            assertThat(rs.getInt(4)).isEqualTo(17);
        }
        for (String ip : cluster.podIps().values()) {
            var report = cluster.json(ip, "/cluster");
            assertThat(report.get("leader").asText()).isEqualTo(primary);
            assertThat(report.get("members")).hasSize(3);
            assertThat(report.get("lastDecision").asText()).isNotBlank();
        }
        var events = ns.client().v1().events().inNamespace(ns.name()).list().getItems();
        assertThat(events).anyMatch(e -> "Bootstrapped".equals(e.getReason()));
    }
}
