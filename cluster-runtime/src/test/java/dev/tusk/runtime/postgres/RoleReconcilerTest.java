package dev.tusk.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runbook against real PostgreSQL (the host's 15): a cluster bootstrapped with user app; the spec later names user
 * reader with database reports (and a user with an awkward name): the reconciler creates them, reader logs in over
 * TLS with the password from its Secret, the server never saw the cleartext; a user that leaves the spec is kept.
 */
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoleReconcilerTest {

    private static final Map<String, String> SECRETS = Map.of(
            "app", "app-password-0123456789-abcdefghij",
            "reader", "reader-password-0123456789-abcdefgh",
            "we\"ird user", "weird-password-0123456789-abcdefghi");
    private static final UserSpec APP = new UserSpec("app", List.of("appdb"), List.of());
    private static final UserSpec READER = new UserSpec("reader", List.of("reports"), List.of("CREATEDB"));
    private static final UserSpec WEIRD = new UserSpec("we\"ird user", List.of("my \"db\""), List.of());

    private static Path base;
    private static PostgresControl pg;
    private static KeeperClient keeper;
    private static int port;

    @BeforeAll
    static void bootstrappedWithUserApp() throws Exception {
        base = LocalPostgres.baseDirectory("tusk-roles");
        port = LocalPostgres.freePort();
        pg = new PostgresControl(LocalPostgres.settings(base, "pg-0", port), LocalPostgres.osUser(), "pg-0");
        keeper = LocalPostgres.keeper(pg, e -> { });
        pg.initdb();
        pg.writeConfiguration(LocalPostgres.tls());
        keeper.disarm();
        pg.start(Duration.ofSeconds(60));
        pg.bootstrapRoles(List.of(APP), SECRETS::get);
    }

    @AfterAll
    static void cleanUp() {
        if (pg != null) {
            pg.close();
        }
        if (keeper != null) {
            keeper.close();
        }
        LocalPostgres.delete(base);
    }

    @Test
    @Order(1)
    void the_bootstrapped_spec_needs_nothing() throws Exception {
        RoleReconciler.Plan plan = new RoleReconciler(pg).reconcile(List.of(APP), SECRETS::get);
        assertThat(plan.createsNothing()).isTrue();
        assertThat(plan.sentence()).isEqualTo("every role and database the spec names exists");
    }

    @Test
    @Order(2)
    void users_added_to_the_spec_get_their_roles_and_databases_and_log_in_with_their_secrets_password() throws Exception {
        // a DBA who audits every statement (spec parameter log_statement = all) still never finds a verifier in the log
        try (Statement st = pg.connection().createStatement()) {
            st.execute("ALTER SYSTEM SET log_statement = 'all'");
            st.execute("SELECT pg_reload_conf()");
        }
        RoleReconciler.Plan plan = new RoleReconciler(pg).reconcile(List.of(APP, READER, WEIRD), SECRETS::get);
        assertThat(plan.sentence()).isEqualTo("created roles reader, we\"ird user; created databases reports (owner"
                + " reader), my \"db\" (owner we\"ird user)");

        try (Connection c = connect("reader", SECRETS.get("reader"), "reports"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, current_database(), pg_get_userbyid(datdba),"
                     + " (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid())"
                     + " FROM pg_database WHERE datname = current_database()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("reader");
            assertThat(rs.getString(2)).isEqualTo("reports");
            assertThat(rs.getString(3)).as("owner").isEqualTo("reader");
            assertThat(rs.getBoolean(4)).as("over TLS").isTrue();
            st.execute("CREATE TABLE r (x int)");
        }
        try (Connection c = connect("we\"ird user", SECRETS.get("we\"ird user"), "my \"db\"")) {
            assertThat(c.isValid(2)).isTrue();
        }
        try (Statement st = pg.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT rolpassword, rolcreatedb FROM pg_authid WHERE rolname = 'reader'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$4096:");
            assertThat(rs.getBoolean(2)).as("the spec's CREATEDB").isTrue();
        }
        String serverLog = Files.readString(pg.settings().logFile());
        assertThat(serverLog).as("statements are logged").contains("SELECT current_user, current_database()");
        assertThat(serverLog).doesNotContain(SECRETS.get("reader")).doesNotContain("SCRAM-SHA-256$");
        try (Statement st = pg.connection().createStatement()) {
            st.execute("ALTER SYSTEM RESET log_statement");
            st.execute("SELECT pg_reload_conf()");
        }
        assertThatThrownBy(() -> connect("reader", "wrong-password", "reports")).isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    @Test
    @Order(3)
    void a_second_run_creates_nothing_and_a_user_that_left_the_spec_is_kept_with_its_data() throws Exception {
        assertThat(new RoleReconciler(pg).reconcile(List.of(APP, READER, WEIRD), SECRETS::get).createsNothing()).isTrue();
        RoleReconciler.Plan plan = new RoleReconciler(pg).reconcile(List.of(APP, WEIRD), SECRETS::get);
        assertThat(plan.createsNothing()).isTrue();
        assertThat(plan.keptRoles()).containsExactly("reader");
        assertThat(plan.keptDatabases()).containsExactly("reports");
        try (Connection c = connect("reader", SECRETS.get("reader"), "reports"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM r")) {
            assertThat(rs.next()).isTrue();
        }
    }

    @Test
    @Order(4)
    void a_user_whose_secret_cannot_be_read_is_named_and_the_others_are_still_created() throws Exception {
        UserSpec late = new UserSpec("late", List.of("latedb"), List.of());
        UserSpec early = new UserSpec("early", List.of("earlydb"), List.of());
        Map<String, String> secrets = Map.of("early", "early-password-0123456789-abcdefghi");
        assertThatThrownBy(() -> new RoleReconciler(pg).reconcile(List.of(APP, late, early), user -> {
            String p = secrets.get(user);
            if (p == null) {
                throw new IllegalStateException("Secret ns/hippo-pguser-" + user + " does not exist (yet)");
            }
            return p;
        })).isInstanceOf(RoleReconciler.IncompleteException.class)
                .hasMessage("could not create role late: Secret ns/hippo-pguser-late does not exist (yet); database"
                        + " latedb: waits for its owner's role")
                .extracting(e -> ((RoleReconciler.IncompleteException) e).created())
                .isEqualTo("created role early; created database earlydb (owner early)");
        try (Connection c = connect("early", secrets.get("early"), "earlydb")) {
            assertThat(c.isValid(2)).isTrue();
        }
    }

    private static Connection connect(String user, String password, String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", "require");
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/"
                + java.net.URLEncoder.encode(db, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"), p);
    }
}
