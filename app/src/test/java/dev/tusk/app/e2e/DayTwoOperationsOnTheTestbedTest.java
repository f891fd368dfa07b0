package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.operations.RestartResult;
import dev.tusk.app.logic.operations.RollingRestart;
import dev.tusk.app.logic.operations.ScaleCluster;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
import dev.tusk.app.logic.operations.Switchover;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.PlanStep;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.testing.TestbedConnections;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.testbed.Testbed;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Day-two operations on the testbed with the real agent, beyond the runbook: a rolling restart (replicas first, one
 * switchover, the old primary last), growing data volumes (claims patched, StatefulSets re-created around running
 * pods that are not restarted), and scaling down the instance that holds the primary (a switchover comes first).
 * The testbed's own StorageClass cannot expand volumes; this test makes one of its own that may (same host-path
 * provisioner, which never actually grows a volume — so the new size stays pending, as the result says).
 */
@OnTestbed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DayTwoOperationsOnTheTestbedTest {

    private TestNamespace ns;
    private String namespace;
    private Connection connection;
    private TopologyReader topology;
    private final String storageClass = "tusk-e2e-expandable-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    void cluster(TestNamespace namespace, Testbed testbed) {
        this.ns = namespace;
        this.namespace = namespace.name();
        this.connection = TestbedConnections.connect(testbed);
        this.topology = new TopologyReader(connection, null);
        ns.client().storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata()
                .withName(storageClass).withLabels(Map.of("tusk.dev/e2e", "true")).endMetadata()
                .withProvisioner("kubernetes.io/host-path").withAllowVolumeExpansion(true).withReclaimPolicy("Delete")
                .build()).create();
        String image = System.getProperty("tusk.runbook.image");
        ClusterSpec spec = ClusterSpec.minimal("hippo", this.namespace)
                .withInstanceSets(List.of(new InstanceSetSpec("instance1", 2, new StorageSpec(storageClass, "1Gi"), null, null)));
        if (image != null && !image.isBlank()) {
            spec = spec.withPostgres(new ClusterSpec.PostgresSpec(17, image, null));
        }
        CreateResult created = new CreateCluster(connection).create(spec, CreateCluster.Options.DEFAULT, e -> { },
                Cancellation.none());
        assertThat(created.outcome()).isEqualTo(CreateResult.Outcome.WRITABLE);
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(3))
                .until(() -> topology.read(this.namespace, "hippo", false).readyReplicas().size() == 1);
        write("CREATE TABLE kept(t TEXT); INSERT INTO kept VALUES ('still here')");
    }

    @AfterAll
    void cleanUp() {
        ns.client().storage().v1().storageClasses().withName(storageClass).delete();
        connection.close();
    }

    private void write(String sql) {
        onPrimary(s -> s.execute(sql));
    }

    private String read(String sql) {
        return onPrimary(s -> {
            try (ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    private interface SqlWork<T> {
        T run(Statement statement) throws java.sql.SQLException;
    }

    /** Runs the work as postgres on cluster hippo's primary, through a tunnel opened for it. */
    private <T> T onPrimary(SqlWork<T> work) {
        try (PostgresTunnel tunnel = PostgresTunnel.open(connection.client(), namespace, "hippo", TunnelRoute.PRIMARY,
                PostgresTunnel.Options.DEFAULT, null)) {
            tunnel.awaitTarget(Duration.ofSeconds(30));
            DatabaseAccessService db = new DatabaseAccessService(connection);
            try (var c = db.jdbc(db.describe(namespace, "hippo", "postgres", "postgres", TunnelRoute.PRIMARY, tunnel),
                    Duration.ofSeconds(10)); Statement s = c.createStatement()) {
                return work.run(s);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    private String uid(String pod) {
        return ns.pod(pod).getMetadata().getUid();
    }

    @Test
    @Order(1)
    void aRollingRestartRestartsTheReplicaFirstThenSwitchesOverThenRestartsTheOldPrimary() {
        String primary = topology.read(namespace, "hippo", false).leaseHolder();
        System.out.println("primary before the rolling restart: " + primary);
        String replica = primary.equals("hippo-instance1-0-0") ? "hippo-instance1-1-0" : "hippo-instance1-0-0";
        String primaryUid = uid(primary);
        String replicaUid = uid(replica);
        try (RollingRestart restart = new RollingRestart(connection)) {
            OperationPlan plan = restart.plan(namespace, "hippo");
            assertThat(plan.steps()).extracting(PlanStep::kind).containsExactly(PlanStep.Kind.RESTART_POD,
                    PlanStep.Kind.SWITCHOVER, PlanStep.Kind.WRITE_OUTAGE, PlanStep.Kind.RESTART_POD);
            RestartResult result = restart.restart(namespace, "hippo", RollingRestart.Options.DEFAULT, e -> { },
                    Cancellation.none());
            assertThat(result.restarted()).containsExactly(replica, primary);
            assertThat(result.switchover().to()).isEqualTo(replica);
            System.out.printf("rolling restart of 2 instances: %.1f s%n", result.elapsed().toMillis() / 1000.0);
        }
        assertThat(uid(primary)).isNotEqualTo(primaryUid);
        assertThat(uid(replica)).isNotEqualTo(replicaUid);
        ClusterTopology after = topology.read(namespace, "hippo", false);
        assertThat(after.leaseHolder()).isEqualTo(replica);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> topology.read(namespace, "hippo", false).primaryAgreed());
        assertThat(read("SELECT t FROM kept")).isEqualTo("still here");
    }

    @Test
    @Order(2)
    void growingVolumesPatchesTheClaimsAndRecreatesTheStatefulSetsWithoutRestartingThePods() {
        String uid0 = uid("hippo-instance1-0-0");
        String uid1 = uid("hippo-instance1-1-0");
        String primaryBefore = topology.read(namespace, "hippo", false).leaseHolder();
        try (ScaleCluster scale = new ScaleCluster(connection)) {
            OperationPlan plan = scale.plan(namespace, "hippo", ScaleRequest.storage("instance1", "2Gi"));
            assertThat(plan.steps()).extracting(PlanStep::kind).containsExactly(PlanStep.Kind.GROW_VOLUME,
                    PlanStep.Kind.RECREATE_STATEFULSET, PlanStep.Kind.GROW_VOLUME, PlanStep.Kind.RECREATE_STATEFULSET,
                    PlanStep.Kind.APPLY_SPEC);
            ScaleResult result = scale.scale(namespace, "hippo", ScaleRequest.storage("instance1", "2Gi"),
                    ScaleCluster.Options.DEFAULT, e -> { }, Cancellation.none());
            assertThat(result.grownVolumes()).containsExactlyInAnyOrder("pgdata-hippo-instance1-0-0", "pgdata-hippo-instance1-1-0");
            System.out.println("volumes whose capacity the host-path driver has not grown: " + result.pendingVolumes());
        }
        for (String claim : List.of("pgdata-hippo-instance1-0-0", "pgdata-hippo-instance1-1-0")) {
            assertThat(ns.client().persistentVolumeClaims().inNamespace(namespace).withName(claim).get().getSpec()
                    .getResources().getRequests().get("storage").toString()).isEqualTo("2Gi");
        }
        for (String sts : List.of("hippo-instance1-0", "hippo-instance1-1")) {
            assertThat(ns.client().apps().statefulSets().inNamespace(namespace).withName(sts).get().getSpec()
                    .getVolumeClaimTemplates().getFirst().getSpec().getResources().getRequests().get("storage").toString())
                    .isEqualTo("2Gi");
        }
        assertThat(uid("hippo-instance1-0-0")).as("not restarted").isEqualTo(uid0);
        assertThat(uid("hippo-instance1-1-0")).as("not restarted").isEqualTo(uid1);
        assertThat(topology.read(namespace, "hippo", false).leaseHolder()).as("no failover").isEqualTo(primaryBefore);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                ns.pod("hippo-instance1-0-0").getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> o.getName().equals("hippo-instance1-0")));
        String stored = ns.client().configMaps().inNamespace(namespace).withName("hippo-config").get().getData().get("spec.yaml");
        assertThat(ClusterSpecYaml.read(stored).instanceSets().getFirst().storage().size()).isEqualTo("2Gi");
    }

    @Test
    @Order(3)
    void scalingDownTheInstanceThatHoldsThePrimarySwitchesOverFirstAndDeletesOnlyThatInstance() {
        // put the primary on instance1-1, exactly the one a scale to 1 removes
        if (!"hippo-instance1-1-0".equals(topology.read(namespace, "hippo", false).leaseHolder())) {
            try (Switchover switchover = new Switchover(connection)) {
                switchover.switchover(namespace, "hippo", "hippo-instance1-1", Switchover.Options.DEFAULT, e -> { },
                        Cancellation.none());
            }
        }
        assertThat(topology.read(namespace, "hippo", false).leaseHolder()).isEqualTo("hippo-instance1-1-0");
        try (ScaleCluster scale = new ScaleCluster(connection)) {
            ScaleResult result = scale.scale(namespace, "hippo", ScaleRequest.replicas("instance1", 1),
                    ScaleCluster.Options.DEFAULT, e -> { }, Cancellation.none());
            assertThat(result.switchover().from()).isEqualTo("hippo-instance1-1-0");
            assertThat(result.switchover().to()).isEqualTo("hippo-instance1-0-0");
            assertThat(result.removed()).containsExactly("hippo-instance1-1");
            assertThat(result.deletedVolumes()).containsExactly("pgdata-hippo-instance1-1-0");
        }
        ClusterTopology after = topology.read(namespace, "hippo", false);
        assertThat(after.leaseHolder()).isEqualTo("hippo-instance1-0-0");
        assertThat(after.members()).extracting(m -> m.pod()).containsExactly("hippo-instance1-0-0");
        assertThat(ns.client().apps().statefulSets().inNamespace(namespace).withName("hippo-instance1-1").get()).isNull();
        assertThat(ns.client().policy().v1().podDisruptionBudget().inNamespace(namespace).withName("hippo-instance1").get())
                .as("one instance needs no disruption budget").isNull();
        assertThat(read("SELECT t FROM kept")).isEqualTo("still here");
    }
}
