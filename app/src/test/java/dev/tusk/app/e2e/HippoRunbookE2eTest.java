package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.cli.TuskCli;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.operations.DeleteCluster;
import dev.tusk.app.logic.operations.DeleteResult;
import dev.tusk.app.logic.operations.ScaleCluster;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.TopologyReader;
import dev.tusk.app.logic.topology.TopologyWatcher;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.testing.TestbedConnections;
import dev.tusk.app.testing.TuskProcess;
import dev.tusk.app.testing.WriteProbe;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.InstanceSetSpec;
import dev.tusk.runtime.model.ClusterSpec.StorageSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.render.DatabasePod;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import dev.tusk.testbed.Testbed;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

/**
 * The runbook, step by step, on the testbed with the real HA agent: through the services the desktop app
 * uses and through the {@code tusk} command line (in this JVM, and in its own JVM where psql needs a terminal). It
 * measures — and prints, never asserts on time — create-to-writable for 1 and for 3 instances, the write outage of a
 * crash of the primary's PostgreSQL, and of a switchover; it asserts the behaviour.
 *
 * <p>Reproduce: {@code ./mvnw -B -q -pl app -am test -Dtest=HippoRunbookE2eTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtusk.groups=e2e} (add {@code -Dtusk.runbook.image=<tag>} to pin the agent image); the figures are printed and
 * written to {@code app/target/runbook-figures.txt}.
 */
@OnTestbed
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HippoRunbookE2eTest {

    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(5);

    private TestNamespace ns;
    private String namespace;
    private Path kubeconfig;
    private Connection connection;
    private PostgresTunnel primaryTunnel;
    private WriteProbe probe;
    private DatabaseAccessService databases;
    private TopologyReader topology;
    private final Map<String, String> figures = new LinkedHashMap<>();

    @BeforeAll
    void connect(TestNamespace namespace, Testbed testbed) {
        this.ns = namespace;
        this.namespace = namespace.name();
        this.kubeconfig = TestbedConnections.kubeconfig(testbed);
        this.connection = TestbedConnections.connect(testbed);
        this.databases = new DatabaseAccessService(connection);
        this.topology = new TopologyReader(connection, null);
    }

    @AfterAll
    void report() throws Exception {
        if (probe != null) {
            probe.close();
        }
        if (primaryTunnel != null) {
            primaryTunnel.close();
        }
        if (connection != null) {
            connection.close();
        }
        StringBuilder text = new StringBuilder("Runbook figures (testbed, " + java.time.Instant.now() + "):\n");
        figures.forEach((k, v) -> text.append(String.format(Locale.ROOT, "  %-55s %s%n", k, v)));
        System.out.print(text);
        Files.writeString(Path.of("target", "runbook-figures.txt"), text);
    }

    record Cli(int exit, String out, String err) {
        String lastLine() {
            List<String> lines = out.strip().lines().toList();
            return lines.isEmpty() ? "" : lines.getLast();
        }

        /** A {@code key=value} of the machine-friendly last line. */
        String value(String key) {
            for (String part : lastLine().split(" ")) {
                if (part.startsWith(key + "=")) {
                    return part.substring(key.length() + 1);
                }
            }
            throw new AssertionError("no " + key + " in: " + lastLine());
        }
    }

    private Cli tusk(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TuskCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString(), "-n", namespace));
        int exit = cli.execute(all.toArray(String[]::new));
        System.out.println("$ tusk " + String.join(" ", args) + "  -> exit " + exit + "\n" + err + out);
        return new Cli(exit, out.toString(), err.toString());
    }

    /**
     * The image the clusters run: the default (the testbed builds it from this tree), or {@code -Dtusk.runbook.image}
     * — on a shared testbed, a tag of one's own keeps others' rebuilds of the default tag out of a run.
     */
    private static ClusterSpec spec(String name, String namespace, int instances) {
        String image = System.getProperty("tusk.runbook.image");
        ClusterSpec base = ClusterSpec.minimal(name, namespace);
        if (image != null && !image.isBlank()) {
            base = base.withPostgres(new ClusterSpec.PostgresSpec(17, image, null));
        }
        return base
                .withInstanceSets(List.of(new InstanceSetSpec("instance1", instances, new StorageSpec(null, "1Gi"), null, null)))
                .withUsers(List.of(new UserSpec(name, List.of(name), List.of())));
    }

    private static String pod(int ordinal) {
        return "hippo-instance1-" + ordinal + "-0";
    }

    private java.sql.Connection superuser(PostgresTunnel tunnel) throws SQLException {
        DatabaseAccess access = databases.describe(namespace, "hippo", "postgres", "postgres", tunnel.route(), tunnel);
        return databases.jdbc(access, Duration.ofSeconds(10));
    }

    private java.sql.Connection asHippo(PostgresTunnel tunnel) throws SQLException {
        return databases.jdbc(databases.describe(namespace, "hippo", null, null, tunnel.route(), tunnel), Duration.ofSeconds(10));
    }

    private static String one(java.sql.Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }

    @Test
    @Order(1)
    @DisplayName("1. Create hippo with one instance (tusk create --wait); time from create to the primary accepting writes")
    void createHippo() throws Exception {
        Path file = Files.createTempFile("hippo", ".yaml");
        Files.writeString(file, ClusterSpecYaml.write(spec("hippo", namespace, 1)));
        Cli create = tusk("create", "-f", file.toString(), "--wait", "--timeout", "5m");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(create.value("outcome")).isEqualTo("writable");
        assertThat(create.value("primary")).isEqualTo(pod(0));
        figures.put("1. create-to-writable, 1 instance (tusk create --wait)", create.value("writable_after_s") + " s");
        assertThat(create.err()).contains("took the leader lease", "accepted a write through the primary route");
        ClusterTopology t = topology.read(namespace, "hippo", false);
        assertThat(t.leaseHolder()).isEqualTo(pod(0));
        assertThat(t.routedPod()).isEqualTo(pod(0));
        assertThat(t.member(pod(0)).orElseThrow().role()).isEqualTo(Role.PRIMARY);
    }

    @Test
    @Order(2)
    @DisplayName("1b. Create rhino with three instances through the app's service; then delete it with its volumes")
    void createThreeInstancesThenDeleteWithVolumes() {
        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        CreateResult created = new CreateCluster(connection).create(spec("rhino", namespace, 3),
                new CreateCluster.Options(CREATE_TIMEOUT, true, CreateCluster.OnFailure.ROLL_BACK), events::add,
                Cancellation.none());
        assertThat(created.outcome()).isEqualTo(CreateResult.Outcome.WRITABLE);
        figures.put("1b. create-to-writable, 3 instances (CreateCluster service)", seconds(created.toWritable()));
        assertThat(events).filteredOn(e -> e.stage() == OperationStage.APPLY && e.state() == StepState.DONE)
                .extracting(OperationEvent::subject).contains("StatefulSet/rhino-instance1-0", "StatefulSet/rhino-instance1-2");
        assertThat(events).filteredOn(e -> e.stage() == OperationStage.POD).extracting(OperationEvent::subject)
                .contains("rhino-instance1-0-0");
        assertThat(events).extracting(OperationEvent::stage).contains(OperationStage.LEASE, OperationStage.ROUTE,
                OperationStage.WRITABLE);
        // the replicas keep coming up after the primary is writable; the 3-instance figure is to the first write
        await().atMost(Duration.ofMinutes(4)).until(() -> topology.read(namespace, "rhino", false).readyReplicas().size() == 2);
        figures.put("1b. rhino: all 3 instances ready (primary + 2 streaming)", seconds(Duration.ofNanos(System.nanoTime() - start)));

        DeleteResult deleted = new DeleteCluster(connection).delete(namespace, "rhino", true, e -> { }, Cancellation.none());
        assertThat(deleted.deletedVolumes()).hasSize(3);
        assertThat(deleted.keptVolumes()).isEmpty();
        await().atMost(Duration.ofMinutes(2)).until(() -> ns.client().persistentVolumeClaims().inNamespace(namespace)
                .withLabel(Labels.CLUSTER, "rhino").list().getItems().isEmpty());
    }

    @Test
    @Order(3)
    @DisplayName("2. Through the app's port-forward: psql (tusk psql) creates t1 and inserts 'test'; pgJDBC reads it over TLS")
    void connectWithPsqlAndPgJdbc() throws Exception {
        TuskProcess.Result psql = TuskProcess.run(kubeconfig, Duration.ofSeconds(90), "psql", "hippo", "-n", namespace,
                "--", "-v", "ON_ERROR_STOP=1", "-c", "CREATE TABLE t1(t TEXT); INSERT INTO t1 VALUES ('test');");
        assertThat(psql.exitCode()).as(psql.stderr()).isZero();
        assertThat(psql.stdout()).contains("INSERT 0 1");
        assertThat(psql.stderr()).contains("tusk: tunnel 127.0.0.1:", "primary " + pod(0), "user hippo, database hippo");

        primaryTunnel = PostgresTunnel.open(connection.client(), namespace, "hippo", TunnelRoute.PRIMARY,
                PostgresTunnel.Options.DEFAULT, null);
        assertThat(primaryTunnel.awaitTarget(Duration.ofSeconds(20))).isTrue();
        try (java.sql.Connection c = asHippo(primaryTunnel)) {
            assertThat(one(c, "SELECT t FROM t1")).isEqualTo("test");
            assertThat(one(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).isEqualTo("t");
            assertThat(one(c, "SELECT current_user")).isEqualTo("hippo");
        }
    }

    @Test
    @Order(4)
    @DisplayName("2b. One-click psql (the app's): psql in a terminal window, password in a private file deleted on close")
    void oneClickPsqlInATerminalWindow() throws Exception {
        // a stand-in terminal emulator (the test has no desktop): runs the command it is given, as a terminal would,
        // with no input, and keeps what the window would have shown
        Path dir = Files.createTempDirectory("terminal");
        Path screen = dir.resolve("screen.txt");
        Path terminal = dir.resolve("fake-terminal");
        Files.writeString(terminal, "#!/bin/sh\n[ \"$1\" = -e ] && shift\n\"$@\" >" + screen + " 2>&1 </dev/null\n");
        terminal.toFile().setExecutable(true);
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("TERMINAL", terminal.toString());
        dev.tusk.app.logic.portforward.PsqlLauncher launcher = new dev.tusk.app.logic.portforward.PsqlLauncher(
                dev.tusk.app.logic.portforward.PsqlLauncher.OperatingSystem.LINUX, env,
                p -> Files.isRegularFile(p) && Files.isExecutable(p));
        Path passfile;
        try (dev.tusk.app.logic.portforward.PsqlSession session = dev.tusk.app.logic.portforward.PsqlSession.open(
                connection, namespace, "hippo", TunnelRoute.PRIMARY, null, null, launcher, null)) {
            assertThat(session.terminal().waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            String shown = Files.readString(screen);
            assertThat(shown).as("psql connected with the password file and verified the server").contains("psql exited (0)");
            assertThat(String.join(" ", session.terminal().info().arguments().orElse(new String[0])))
                    .doesNotContain(session.access().password().reveal());
            assertThat(session.access().tunnelUri(false)).contains("hippo:••••••••@127.0.0.1:" + session.tunnel().port());
            passfile = Files.list(dev.tusk.app.logic.portforward.PrivateFiles.forUser(System.getenv()).directory())
                    .filter(f -> f.getFileName().toString().startsWith("pgpass-")).findFirst().orElseThrow();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passfile)))
                    .isEqualTo("rw-------");
        }
        assertThat(passfile).as("deleted when the session closes").doesNotExist();
    }

    @Test
    @Order(5)
    @DisplayName("3. Scale to 2 (tusk scale), then 3 (ScaleCluster); the new replicas stream (pg_stat_replication)")
    void scaleToTwoThenThree() throws Exception {
        long start = System.nanoTime();
        Cli two = tusk("scale", "hippo", "--set", "instance1", "--replicas", "2");
        assertThat(two.exit()).as(two.err()).isZero();
        assertThat(two.value("added")).isEqualTo(pod(1));
        figures.put("3. scale 1 -> 2 (tusk scale, until the new replica streams)", seconds(Duration.ofNanos(System.nanoTime() - start)));

        List<OperationEvent> events = new CopyOnWriteArrayList<>();
        try (ScaleCluster scale = new ScaleCluster(connection)) {
            ScaleResult three = scale.scale(namespace, "hippo", ScaleRequest.replicas("instance1", 3),
                    ScaleCluster.Options.DEFAULT, events::add, Cancellation.none());
            assertThat(three.added()).containsExactly(pod(2));
            assertThat(three.switchover()).isNull();
            figures.put("3. scale 2 -> 3 (ScaleCluster service)", seconds(three.elapsed()));
        }
        assertThat(events).filteredOn(e -> e.stage() == OperationStage.REPLICATION).extracting(OperationEvent::subject)
                .containsExactly(pod(2));
        try (java.sql.Connection c = superuser(primaryTunnel)) {
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    one(c, "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'").equals("2"));
            assertThat(one(c, "SELECT pg_is_in_recovery()")).isEqualTo("f");
        }
        ClusterTopology t = topology.read(namespace, "hippo", false);
        assertThat(t.members()).extracting(TopologyMember::pod).containsExactly(pod(0), pod(1), pod(2));
        assertThat(t.readyReplicas()).extracting(TopologyMember::pod).containsExactlyInAnyOrder(pod(1), pod(2));
        assertThat(ns.client().policy().v1().podDisruptionBudget().inNamespace(namespace).withName("hippo-instance1").get())
                .as("a disruption budget once the set has more than one instance").isNotNull();
        // tusk status: the topology as a table, lag and timelines from the leader agent's /cluster
        Cli status = tusk("status", "hippo");
        assertThat(status.exit()).as(status.err()).isZero();
        assertThat(status.out()).contains(pod(0), pod(1), pod(2), "answered /cluster", "Last decision: ");
        assertThat(status.out().lines().filter(l -> l.startsWith("hippo-instance1-")).toList())
                .allSatisfy(l -> assertThat(l).contains("Running", "true"));
        // the testbed's StorageClass cannot expand volumes: refused before anything changes, saying why
        Cli grow = tusk("scale", "hippo", "--set", "instance1", "--storage", "2Gi");
        assertThat(grow.exit()).isEqualTo(2);
        assertThat(grow.err()).contains("StorageClass standard", "does not allow volume expansion");
    }

    @Test
    @Order(6)
    @DisplayName("4. Through the replicas: SELECT * FROM t1 returns test; CREATE TABLE t2 fails read-only")
    void readFromReplicas() throws Exception {
        try (PostgresTunnel replicas = PostgresTunnel.open(connection.client(), namespace, "hippo", TunnelRoute.REPLICA,
                PostgresTunnel.Options.DEFAULT, null)) {
            assertThat(replicas.awaitTarget(Duration.ofSeconds(20))).isTrue();
            assertThat(replicas.currentTarget().orElseThrow()).isIn(pod(1), pod(2));
            try (java.sql.Connection c = asHippo(replicas)) {
                assertThat(one(c, "SELECT pg_is_in_recovery()")).isEqualTo("t");
                await().atMost(Duration.ofSeconds(30)).until(() -> "test".equals(one(c, "SELECT t FROM t1")));
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE t2(t TEXT)");
                    }
                }).isInstanceOf(SQLException.class)
                        .hasMessageContaining("cannot execute CREATE TABLE in a read-only transaction");
            }
        }
        TuskProcess.Result psql = TuskProcess.run(kubeconfig, Duration.ofSeconds(90), "psql", "hippo", "-n", namespace,
                "--replica", "--", "-c", "CREATE TABLE t2(t TEXT)");
        assertThat(psql.exitCode()).isNotZero();
        assertThat(psql.stderr()).contains("cannot execute CREATE TABLE in a read-only transaction", "replica hippo-instance1-");
    }

    @Test
    @Order(7)
    @DisplayName("5. pg_ctl stop -m immediate in the primary's pod: writes through the primary route resume by themselves")
    void crashOfThePrimarysPostgres() throws Exception {
        probe = new WriteProbe(() -> superuser(primaryTunnel), "runbook_probe");
        assertThat(probe.awaitAckAfter(System.nanoTime(), Duration.ofSeconds(20))).isTrue();
        Thread.sleep(1000);
        ClusterTopology before = topology.read(namespace, "hippo", false);
        String primary = before.leaseHolder();
        long faultAt = System.nanoTime();
        // -W: do not wait for postmaster.pid to go — the agent restarts PostgreSQL at once and writes a new one
        ns.execIn(primary, DatabasePod.CONTAINER, Duration.ofSeconds(30), "pg_ctl", "stop", "-m", "immediate", "-W", "-D",
                DatabasePod.dataDirectory(17)).requireSuccess();
        assertThat(probe.awaitAckAfter(faultAt + 200_000_000L, Duration.ofSeconds(90)))
                .as("writes through the primary route resume by themselves").isTrue();
        Thread.sleep(1000);
        Duration outage = probe.outageAround(faultAt);
        ClusterTopology after = topology.read(namespace, "hippo", false);
        String path = primary.equals(after.leaseHolder()) ? "restarted in place on " + primary
                : "failover " + primary + " -> " + after.leaseHolder();
        figures.put("5. write outage, crash of the primary's PostgreSQL", seconds(outage) + " (" + path + ")");
        await().atMost(Duration.ofSeconds(90)).until(() -> topology.read(namespace, "hippo", false).members().stream()
                .allMatch(TopologyMember::ready));
    }

    @Test
    @Order(8)
    @DisplayName("6. Switchover to a named replica: roles, labels, routing and the open psql tunnel follow")
    void switchoverToANamedReplica() throws Exception {
        ClusterTopology before = topology.read(namespace, "hippo", false);
        String from = before.leaseHolder();
        String to = before.readyReplicas().stream().map(TopologyMember::pod).sorted().findFirst().orElseThrow();
        List<ClusterTopology> seen = new CopyOnWriteArrayList<>();
        try (TuskProcess psql = TuskProcess.inTerminal(kubeconfig, "psql", "hippo", "-n", namespace);
             TopologyWatcher watcher = new TopologyWatcher(connection, namespace, "hippo", seen::add)) {
            watcher.start().get();
            assertThat(psql.awaitScreen("hippo=>", Duration.ofSeconds(60))).as(psql.screen()).isTrue();
            psql.type("SELECT 'before:' || pg_is_in_recovery();\n");
            assertThat(psql.awaitScreen("before:false", Duration.ofSeconds(20))).as(psql.screen()).isTrue();

            long faultAt = System.nanoTime();
            Cli switchover = tusk("switchover", "hippo", "--to", to.substring(0, to.length() - 2));
            assertThat(switchover.exit()).as(switchover.err()).isZero();
            assertThat(switchover.value("from")).isEqualTo(from);
            assertThat(switchover.value("to")).isEqualTo(to);
            assertThat(probe.awaitAckAfter(System.nanoTime(), Duration.ofSeconds(60))).isTrue();
            Thread.sleep(1000);
            figures.put("6. write outage, switchover " + from + " -> " + to, seconds(probe.outageAround(faultAt)));
            figures.put("6. switchover: lease moved / routed (tusk switchover)", switchover.value("lease_moved_s") + " s / "
                    + switchover.value("routed_s") + " s");

            // roles in the app, the labels and the routing all name the target
            ClusterTopology after = topology.read(namespace, "hippo", false);
            assertThat(after.leaseHolder()).isEqualTo(to);
            assertThat(after.routedPod()).isEqualTo(to);
            assertThat(after.primaryAgreed()).isTrue();
            assertThat(ns.pod(to).getMetadata().getLabels()).containsEntry(Labels.ROLE, Labels.ROLE_PRIMARY);
            assertThat(ns.pod(from).getMetadata().getLabels()).containsEntry(Labels.ROLE, Labels.ROLE_REPLICA);
            var slice = ns.client().discovery().v1().endpointSlices().inNamespace(namespace).withName("hippo-primary").get();
            assertThat(slice.getEndpoints()).singleElement().satisfies(e ->
                    assertThat(e.getAddresses()).containsExactly(ns.pod(to).getStatus().getPodIP()));
            await().atMost(Duration.ofSeconds(10)).until(() -> primaryTunnel.currentTarget().orElse("").equals(to));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(s -> to.equals(s.leaseHolder())
                    && to.equals(s.routedPod())));
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(s ->
                    s.agentApi() == ClusterTopology.AgentApiState.ANSWERED && to.equals(s.leaseHolder())
                            && s.lastDecision() != null));

            // the open psql session follows: its connection to the old primary is reset onto the new one
            psql.type("SELECT 'after:' || pg_is_in_recovery();\n");
            assertThat(psql.awaitScreen("Attempting reset: Succeeded.", Duration.ofSeconds(30))).as(psql.screen()).isTrue();
            psql.type("SELECT 'again:' || pg_is_in_recovery();\n");
            assertThat(psql.awaitScreen("again:false", Duration.ofSeconds(30))).as(psql.screen()).isTrue();
            psql.type("\\q\n");
            System.out.println("psql session across the switchover:\n" + psql.screen());
        }
        probe.close();
        try (java.sql.Connection c = superuser(primaryTunnel)) {
            assertThat(probe.lost(c)).as("acknowledged writes lost").isEmpty();
            figures.put("5+6. numbered writes acknowledged / lost", probe.acknowledged().size() + " / 0");
        }
        probe = null;
    }

    @Test
    @Order(9)
    @DisplayName("7. Delete hippo (tusk delete --keep-pvcs): its objects go, its data volumes stay")
    void deleteKeepingVolumes() {
        Cli delete = tusk("delete", "hippo", "--keep-pvcs");
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(delete.value("kept_pvcs").split(",")).containsExactlyInAnyOrder(
                "pgdata-" + pod(0), "pgdata-" + pod(1), "pgdata-" + pod(2));
        var client = ns.client();
        Map<String, String> selector = Map.of(Labels.CLUSTER, "hippo");
        assertThat(client.apps().statefulSets().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.secrets().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.leases().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(namespace).withLabels(selector).list().getItems()).isEmpty();
        assertThat(client.persistentVolumeClaims().inNamespace(namespace).withLabels(selector).list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder(
                        "pgdata-" + pod(0), "pgdata-" + pod(1), "pgdata-" + pod(2));
    }
}
