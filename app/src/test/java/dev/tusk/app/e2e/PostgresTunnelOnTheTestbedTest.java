package dev.tusk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.portforward.PsqlLauncher;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.SecretText;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.testing.PlainPostgresPods;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tunnel on a real Kubernetes: real port-forwards through the API server and the kubelet, real PostgreSQL in
 * pods (plain postgres from the agent image; the routing the agents will do is written by the test), pgJDBC and
 * the host's psql as clients.
 */
@OnTestbed
class PostgresTunnelOnTheTestbedTest {

    private TestNamespace ns;
    private Pod a;
    private Pod b;
    private PostgresTunnel tunnel;

    @BeforeEach
    void twoPostgresPods(TestNamespace namespace) {
        ns = namespace;
        if (ns.client().pods().inNamespace(ns.name()).withName("hippo-a").get() == null) {
            a = PlainPostgresPods.start(ns, "hippo-a", "primary");
            b = PlainPostgresPods.start(ns, "hippo-b", "replica");
        } else {
            a = ns.pod("hippo-a");
            b = ns.pod("hippo-b");
            PlainPostgresPods.label(ns, "hippo-a", "primary");
            PlainPostgresPods.label(ns, "hippo-b", "replica");
        }
        PlainPostgresPods.route(ns, a);
    }

    @AfterEach
    void closeTunnel() {
        if (tunnel != null) {
            tunnel.close();
        }
    }

    private Connection jdbc(int connectTimeoutSeconds) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", String.valueOf(connectTimeoutSeconds));
        p.setProperty("socketTimeout", "20");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + tunnel.port() + "/postgres", p);
    }

    private static String serverName(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_setting('cluster_name')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void pgJdbcThroughThePrimaryTunnelReachesThePodTheEndpointSliceNamesAndFollowsItWhenItMoves() throws Exception {
        tunnel = PostgresTunnel.open(ns.client(), ns.name(), PlainPostgresPods.CLUSTER, TunnelRoute.PRIMARY,
                PostgresTunnel.Options.DEFAULT, null);
        assertThat(tunnel.awaitTarget(Duration.ofSeconds(20))).isTrue();
        try (Connection first = jdbc(10)) {
            assertThat(serverName(first)).isEqualTo("hippo-a");
            try (Statement s = first.createStatement()) {
                s.execute("CREATE TABLE t1(t TEXT)");
                s.execute("INSERT INTO t1 VALUES ('test')");
            }
            PlainPostgresPods.route(ns, b); // as a new leader would after a failover
            await().atMost(Duration.ofSeconds(15)).until(() -> tunnel.currentTarget().orElse("").equals("hippo-b"));
            // the session on the old primary is closed by the tunnel, never left talking to it
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    serverName(first);
                    return false;
                } catch (SQLException e) {
                    return true;
                }
            });
        }
        try (Connection second = jdbc(10)) {
            assertThat(serverName(second)).isEqualTo("hippo-b");
        }
        assertThat(tunnel.state().retargets()).isEqualTo(1);
        assertThat(tunnel.port()).as("the local port stays the same").isEqualTo(tunnel.state().port());
    }

    @Test
    void whilePostgresRestartsInPlaceClientsSeeOnlyPostgresOwnAnswersNeverABrokenTunnel() throws Exception {
        tunnel = PostgresTunnel.open(ns.client(), ns.name(), PlainPostgresPods.CLUSTER, TunnelRoute.PRIMARY,
                PostgresTunnel.Options.DEFAULT, null);
        assertThat(tunnel.awaitTarget(Duration.ofSeconds(20))).isTrue();
        Connection before = jdbc(10);
        assertThat(serverName(before)).isEqualTo("hippo-a");
        ns.exec("hippo-a", Duration.ofSeconds(20), "pg_ctl", "-D", "/tmp/pg", "stop", "-m", "immediate").requireSuccess();
        assertThatThrownBy(() -> serverName(before)).isInstanceOf(SQLException.class);
        long start = System.nanoTime();
        java.util.List<String> refusals = new java.util.ArrayList<>();
        String server = null;
        while (server == null && System.nanoTime() - start < 30_000_000_000L) {
            try (Connection after = jdbc(20)) {
                server = serverName(after);
            } catch (SQLException e) {
                refusals.add(e.getSQLState() + " " + e.getMessage());
                Thread.sleep(50);
            }
        }
        assertThat(server).isEqualTo("hippo-a");
        // the postmaster was gone for about a second; the tunnel held new connections meanwhile, so the only
        // refusals a client saw came from PostgreSQL itself (57P03: starting up), never a refused or cut stream
        assertThat(refusals).allSatisfy(r -> assertThat(r).startsWith("57P03"));
        System.out.printf("reconnect after an in-place restart: %.1f s, %d refusals by PostgreSQL itself%n",
                (System.nanoTime() - start) / 1e9, refusals.size());
    }

    @Test
    void theReadOnlyTunnelGoesToAReadyReplicaAndTheHostsPsqlRunsThroughTheTunnelWithThePasswordInItsEnvironment()
            throws Exception {
        tunnel = PostgresTunnel.open(ns.client(), ns.name(), PlainPostgresPods.CLUSTER, TunnelRoute.REPLICA,
                PostgresTunnel.Options.DEFAULT, null);
        assertThat(tunnel.awaitTarget(Duration.ofSeconds(20))).isTrue();
        assertThat(tunnel.currentTarget()).contains("hippo-b");
        PsqlLauncher launcher = new PsqlLauncher();
        DatabaseAccess access = new DatabaseAccess(ns.name(), PlainPostgresPods.CLUSTER, TunnelRoute.REPLICA,
                tunnel.host(), tunnel.port(), "hippo-primary." + ns.name() + ".svc", "hippo-replicas." + ns.name() + ".svc",
                5432, "postgres", "postgres", "disable", SecretText.of("unused-with-trust"), "-");
        ProcessBuilder psql = launcher.childProcess(launcher.require(), access, null,
                List.of("-XAtq", "-c", "SELECT current_setting('cluster_name')"));
        psql.redirectOutput(ProcessBuilder.Redirect.PIPE).redirectError(ProcessBuilder.Redirect.PIPE)
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = psql.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out).isEqualTo("hippo-b");
        // a replica that is promoted is no replica: the read-only tunnel has nowhere to go
        PlainPostgresPods.label(ns, "hippo-b", "primary");
        await().atMost(Duration.ofSeconds(15)).until(() -> tunnel.currentTarget().isEmpty());
    }

    @SuppressWarnings("unused")
    private static void closeQuietly(AutoCloseable c) throws IOException {
        try {
            c.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
