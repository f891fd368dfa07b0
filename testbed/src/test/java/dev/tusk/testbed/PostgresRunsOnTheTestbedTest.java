package dev.tusk.testbed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runbook: PostgreSQL from the locally built agent image runs on the testbed the way Tusk's clusters will —
 * as uid 999 on a PersistentVolumeClaim of the default StorageClass, reachable through a port-forward (pgJDBC
 * from this JVM, psql on the host), through a Service's ClusterIP and DNS name from another pod, with logs and
 * exec, and coming back with its data after its pod is deleted. Steps run in order on one StatefulSet.
 */
@OnTestbed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresRunsOnTheTestbedTest {

    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Duration COMMAND = Duration.ofSeconds(30);
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String CLIENT_POD = "psql-client";

    @BeforeAll
    static void startPostgres(TestNamespace ns) {
        PostgresStatefulSet.create(ns, PASSWORD);
        ns.waitForPodReady(PostgresStatefulSet.POD, STARTUP);
    }

    @Test
    @Order(1)
    void postgresRunsAsUid999OnABoundPersistentVolumeClaim(TestNamespace ns) {
        PersistentVolumeClaim pvc = ns.client().persistentVolumeClaims().inNamespace(ns.name())
                .withName(PostgresStatefulSet.PVC).get();
        assertThat(pvc.getStatus().getPhase()).isEqualTo("Bound");
        assertThat(pvc.getSpec().getStorageClassName()).isEqualTo("standard");

        // the container's first process (catatonit) and postgres under it run as 999, not root
        String status = ns.execIn(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER, COMMAND,
                "/bin/sh", "-c", "grep ^Uid: /proc/1/status; for p in /proc/[0-9]*; do"
                        + " if grep -q postgres $p/comm 2>/dev/null; then grep ^Uid: $p/status; fi; done").requireSuccess().stdout();
        assertThat(status.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.split("\\s+")[1]).isEqualTo("999"));
        assertThat(status.lines().count()).as("catatonit plus postgres processes").isGreaterThan(2);

        // the data directory lives on the volume and belongs to 999
        String owner = ns.execIn(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER, COMMAND,
                "stat", "-c", "%u:%g %a", "/pgdata", "/pgdata/pg17").requireSuccess().stdout();
        assertThat(owner.lines()).containsExactly("999:999 700", "999:999 700");
        String mounts = ns.execIn(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER, COMMAND,
                "cat", "/proc/mounts").requireSuccess().stdout();
        assertThat(mounts.lines()).anyMatch(l -> l.split(" ")[1].equals("/pgdata"));
    }

    @Test
    @Order(2)
    void pgJdbcFromThisJvmConnectsThroughAPortForward(TestNamespace ns) throws Exception {
        try (var db = ns.jdbc(PostgresStatefulSet.POD, "postgres", "postgres", PASSWORD, Duration.ofSeconds(60));
             Statement st = db.connection().createStatement()) {
            try (ResultSet rs = st.executeQuery("select current_setting('server_version_num')::int, current_user,"
                    + " current_setting('data_directory')")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isBetween(170000, 179999);
                assertThat(rs.getString(2)).isEqualTo("postgres");
                assertThat(rs.getString(3)).isEqualTo("/pgdata/pg17");
            }
            st.execute("create table runbook (id int primary key, note text)");
            st.execute("insert into runbook values (1, 'written before the pod was deleted')");
        }
    }

    @Test
    @Order(3)
    void psqlOnTheHostConnectsThroughAPortForward(TestNamespace ns) {
        try (LocalPortForward forward = ns.portForward(PostgresStatefulSet.POD, 5432)) {
            HostCommand.Result psql = HostCommand.run(COMMAND, Map.of("PGPASSWORD", PASSWORD), List.of("psql",
                    "host=127.0.0.1 port=" + forward.getLocalPort() + " user=postgres dbname=postgres sslmode=disable",
                    "-v", "ON_ERROR_STOP=1", "-Atc", "select note from runbook where id = 1"));
            assertThat(psql.requireSuccess().stdout().trim()).isEqualTo("written before the pod was deleted");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @Order(4)
    void anotherPodReachesPostgresByClusterIpAndByDnsName(TestNamespace ns) {
        ns.client().pods().inNamespace(ns.name()).resource(clientPod()).create();
        ns.waitForPodReady(CLIENT_POD, STARTUP);
        Service service = ns.client().services().inNamespace(ns.name()).withName(PostgresStatefulSet.SERVICE).get();
        String clusterIp = service.getSpec().getClusterIP();
        assertThat(clusterIp).startsWith("198.19.");
        String dnsName = PostgresStatefulSet.SERVICE + "." + ns.name() + ".svc.cluster.local";

        String resolved = ns.exec(CLIENT_POD, COMMAND, "getent", "hosts", dnsName).requireSuccess().stdout();
        assertThat(resolved).startsWith(clusterIp + " ");

        for (String host : List.of(clusterIp, dnsName, PostgresStatefulSet.SERVICE)) {
            String answer = ns.exec(CLIENT_POD, COMMAND, "env", "PGPASSWORD=" + PASSWORD, "psql",
                    "host=" + host + " user=postgres dbname=postgres sslmode=disable connect_timeout=10",
                    "-v", "ON_ERROR_STOP=1", "-Atc", "select 'via ' || inet_server_addr()").requireSuccess().stdout();
            assertThat(answer.trim()).as("through %s", host).startsWith("via 198.18.");
        }
    }

    @Test
    @Order(5)
    void podLogsShowPostgresReadyAndExecReportsExitCodes(TestNamespace ns) {
        assertThat(ns.logs(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER))
                .contains("database system is ready to accept connections");
        var failed = ns.execIn(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER, COMMAND,
                "/bin/sh", "-c", "echo out; echo err >&2; exit 3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.stdout()).isEqualTo("out\n");
        assertThat(failed.stderr()).isEqualTo("err\n");
    }

    @Test
    @Order(6)
    void aDeletedPodComesBackThroughItsStatefulSetWithItsDataIntact(TestNamespace ns) throws Exception {
        Pod before = ns.pod(PostgresStatefulSet.POD);
        String volumeBefore = ns.client().persistentVolumeClaims().inNamespace(ns.name())
                .withName(PostgresStatefulSet.PVC).get().getSpec().getVolumeName();

        ns.client().pods().inNamespace(ns.name()).withName(PostgresStatefulSet.POD).delete();
        Pod after = ns.waitForPod(PostgresStatefulSet.POD, STARTUP, "recreated and Ready",
                p -> !p.getMetadata().getUid().equals(before.getMetadata().getUid())
                        && io.fabric8.kubernetes.client.readiness.Readiness.isPodReady(p));

        assertThat(after.getMetadata().getUid()).isNotEqualTo(before.getMetadata().getUid());
        assertThat(ns.client().persistentVolumeClaims().inNamespace(ns.name())
                .withName(PostgresStatefulSet.PVC).get().getSpec().getVolumeName()).isEqualTo(volumeBefore);
        try (var db = ns.jdbc(PostgresStatefulSet.POD, "postgres", "postgres", PASSWORD, Duration.ofSeconds(60));
             Statement st = db.connection().createStatement();
             ResultSet rs = st.executeQuery("select note from runbook where id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("written before the pod was deleted");
        }
        assertThat(ns.logs(PostgresStatefulSet.POD, PostgresStatefulSet.CONTAINER))
                .as("the second start found the data directory and skipped initdb")
                .doesNotContain("Success. You can now start the database server");
    }

    /** A pod with psql that idles, to reach Postgres from inside the cluster. */
    private static Pod clientPod() {
        return new PodBuilder()
                .withNewMetadata().withName(CLIENT_POD).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .withNewSecurityContext().withRunAsUser(999L).withRunAsGroup(999L).withRunAsNonRoot(true)
                .endSecurityContext()
                .addToContainers(new ContainerBuilder()
                        .withName("psql")
                        .withImage(Testbed.AGENT_IMAGE).withImagePullPolicy("IfNotPresent")
                        .withCommand("/usr/bin/catatonit", "--", "sleep", "infinity")
                        .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                        .withNewCapabilities().addToDrop("ALL").endCapabilities().endSecurityContext()
                        .build())
                .endSpec()
                .build();
    }
}
