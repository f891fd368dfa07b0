package dev.tusk.runtime.agent;

import static dev.tusk.runtime.agent.HostAgents.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import dev.tusk.testbed.OnTestbed;
import dev.tusk.testbed.TestNamespace;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runbook: two agents as host processes (real PostgreSQL, the testbed's API server) run a cluster. The leader reports
 * each replica's replay lag in seconds on {@code /cluster}; so does a replica, passing on the leader's figures. A user
 * and a database added to the spec (ConfigMap and the user's Secret, as the app applies them) get a role and a database
 * on the running leader, and an application logs in with the password from the user's Secret. A user removed from the
 * spec keeps its role and data.
 */
@OnTestbed
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostAgentsUsersAndLagTest {

    private static HostAgents agents;
    private static String primary;
    private static String replica;

    @BeforeAll
    static void twoAgents(TestNamespace ns) throws Exception {
        agents = new HostAgents(ns, ClusterSpec.ReplicationMode.ASYNC, 2);
        agents.startAll();
    }

    @AfterAll
    static void stop() {
        if (agents != null) {
            agents.close();
        }
    }

    private static void dumpLogs() {
        for (HostAgents.Member m : agents.members) {
            String[] lines = agents.log(m.name()).split("\n");
            System.out.println("== " + m.name());
            for (int i = Math.max(0, lines.length - 40); i < lines.length; i++) {
                System.out.println(lines[i]);
            }
        }
    }

    /** {@link HostAgents#await}; on a timeout every agent's last log lines are printed first. */
    private static void awaitOrDumpLogs(Duration timeout, String what, Supplier<Boolean> condition)
            throws InterruptedException {
        try {
            await(timeout, what, condition);
        } catch (AssertionError e) {
            dumpLogs();
            throw e;
        }
    }

    private static boolean canLogIn(String user, String password, String member, String db) {
        try (Connection c = connectAs(user, password, member, db)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static JsonNode member(JsonNode cluster, String name) {
        for (JsonNode m : cluster.get("members")) {
            if (name.equals(m.get("name").asText())) {
                return m;
            }
        }
        throw new AssertionError("no member " + name + " in " + cluster);
    }

    @Test
    @Order(1)
    void the_leader_reports_a_streaming_replicas_replay_lag_in_seconds_and_a_replica_passes_it_on() throws Exception {
        awaitOrDumpLogs(Duration.ofSeconds(120), "a primary and a streaming replica",
                () -> agents.primary() != null && agents.replicas().size() == 1);
        primary = agents.primary();
        replica = agents.replicas().getFirst();
        try (Connection c = agents.connect(primary, Duration.ofSeconds(3)); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE lag_probe AS SELECT g FROM generate_series(1, 10000) g");
        }
        // the leader asks its peers every retry period: wait until its report shows the replica as one
        await(Duration.ofSeconds(30), "lagSeconds of " + replica + " on the leader's /cluster", () -> {
            JsonNode m = member(agents.get(primary, "/cluster").body(), replica);
            return "replica".equals(m.get("role").asText()) && m.get("lagSeconds").isNumber();
        });
        JsonNode fromLeader = agents.get(primary, "/cluster").body();
        System.out.println("leader's /cluster: " + fromLeader);
        assertThat(member(fromLeader, replica).get("lagSeconds").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(member(fromLeader, replica).get("lagBytes").isNumber()).isTrue();
        assertThat(member(fromLeader, primary).get("lagSeconds").isNull()).as("the leader has no lag").isTrue();
        assertThat(agents.get(primary, "/member").body().get("standbyLagSeconds").has(replica)).isTrue();

        await(Duration.ofSeconds(30), "lagSeconds of " + replica + " on the replica's own /cluster",
                () -> member(agents.get(replica, "/cluster").body(), replica).get("lagSeconds").isNumber());
        assertThat(member(agents.get(replica, "/cluster").body(), replica).get("lagSeconds").asDouble())
                .isGreaterThanOrEqualTo(0.0);
    }

    @Test
    @Order(2)
    void a_user_and_database_added_to_the_spec_are_created_on_the_leader_and_log_in_with_the_secrets_password()
            throws Exception {
        List<UserSpec> users = new ArrayList<>(agents.spec.users());
        users.add(new UserSpec("reader", List.of("reports"), List.of()));
        long at = System.nanoTime();
        agents.applySpec(agents.spec.withUsers(users), Map.of("reader", "reader-password-from-the-app-0000001"));

        String secret = new ClusterNames(HostAgents.CLUSTER).userSecret("reader");
        String password = agents.secretValue(secret, "password");
        awaitOrDumpLogs(Duration.ofSeconds(60), "reader logging in to reports on the leader",
                () -> canLogIn("reader", password, primary, "reports"));
        System.out.printf("a user added to the spec could log in after %d ms%n", (System.nanoTime() - at) / 1_000_000);
        try (Connection c = connectAs("reader", password, primary, "reports"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, pg_get_userbyid(datdba),"
                     + " (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())"
                     + " FROM pg_database WHERE datname = current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("reader");
            assertThat(rs.getString(2)).as("owner of reports").isEqualTo("reader");
            assertThat(rs.getBoolean(3)).as("over TLS").isTrue();
            st.execute("CREATE TABLE readings (x int)");
            st.execute("INSERT INTO readings VALUES (1)");
        }
        assertThat(agents.log(primary)).contains("roles and databases: created role reader; created database reports"
                + " (owner reader)");
        assertThat(agents.log(primary)).doesNotContain(password);
        // the role and database reach the replica by streaming replication; it may log in there as well
        await(Duration.ofSeconds(30), "reader on the replica", () -> canLogIn("reader", password, replica, "reports"));
    }

    @Test
    @Order(3)
    void a_user_removed_from_the_spec_keeps_its_role_and_data_and_the_leader_says_so() throws Exception {
        String password = agents.secretValue(new ClusterNames(HostAgents.CLUSTER).userSecret("reader"), "password");
        agents.applySpec(agents.spec.withUsers(agents.spec.users().stream()
                .filter(u -> !u.name().equals("reader")).toList()), Map.of());
        await(Duration.ofSeconds(60), "the leader's sentence about the kept role",
                () -> agents.log(primary).contains("kept role reader and database reports that the spec does not"
                        + " name (Tusk never drops a role or a database"));
        try (Connection c = connectAs("reader", password, primary, "reports"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM readings")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void after_a_switchover_the_new_leader_creates_the_next_user_added_to_the_spec() throws Exception {
        var answer = agents.post(primary, "/switchover", "{\"candidate\":\"" + replica + "\"}", HostAgents.TOKEN);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(200);
        await(Duration.ofSeconds(30), replica + " as primary", () -> replica.equals(agents.primary()));
        List<UserSpec> users = new ArrayList<>(agents.spec.users());
        users.add(new UserSpec("writer", List.of("ledger"), List.of()));
        agents.applySpec(agents.spec.withUsers(users), Map.of("writer", "writer-password-from-the-app-0000001"));
        String password = agents.secretValue(new ClusterNames(HostAgents.CLUSTER).userSecret("writer"), "password");
        awaitOrDumpLogs(Duration.ofSeconds(60), "writer logging in to ledger on the new leader",
                () -> canLogIn("writer", password, replica, "ledger"));
        assertThat(agents.log(replica)).contains("roles and databases: created role writer; created database ledger"
                + " (owner writer)");
    }

    private static Connection connectAs(String user, String password, String member, String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "require");
        p.setProperty("connectTimeout", "3");
        p.setProperty("socketTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + agents.member(member).pgPort() + "/" + db, p);
    }
}
