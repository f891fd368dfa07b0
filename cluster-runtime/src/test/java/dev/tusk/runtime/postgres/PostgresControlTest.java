package dev.tusk.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.tusk.runtime.ha.DataDirectory;
import dev.tusk.runtime.ha.Lsn;
import dev.tusk.runtime.ha.PostgresState;
import dev.tusk.runtime.ha.SyncPlanner;
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
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgresControl against real PostgreSQL (the host's 15, or TUSK_PG_BIN), read as a runbook: bootstrap a primary,
 * clone a replica over TLS, stream with a slot, synchronous standbys, promote the replica, rewind the old primary.
 */
@Tag("postgres")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresControlTest {

    private static Path base;
    private static PostgresControl primary;
    private static PostgresControl replica;
    private static KeeperClient primaryKeeper;
    private static KeeperClient replicaKeeper;
    private static MemberAddress primaryAddress;
    private static MemberAddress replicaAddress;
    private static final Duration START = Duration.ofSeconds(60);

    @BeforeAll
    static void twoMembers() throws Exception {
        base = LocalPostgres.baseDirectory("tusk-pgcontrol");
        int p0 = LocalPostgres.freePort();
        int p1 = LocalPostgres.freePort();
        primary = new PostgresControl(LocalPostgres.settings(base, "pg-0", p0), LocalPostgres.osUser(), "pg-0");
        replica = new PostgresControl(LocalPostgres.settings(base, "pg-1", p1), LocalPostgres.osUser(), "pg-1");
        primaryKeeper = LocalPostgres.keeper(primary, e -> { });
        replicaKeeper = LocalPostgres.keeper(replica, e -> { });
        primaryAddress = new MemberAddress("pg-0", "127.0.0.1", p0, 0);
        replicaAddress = new MemberAddress("pg-1", "127.0.0.1", p1, 0);
    }

    @AfterAll
    static void cleanUp() {
        for (KeeperClient k : new KeeperClient[] {primaryKeeper, replicaKeeper}) {
            if (k != null) {
                k.close();
            }
        }
        LocalPostgres.delete(base);
    }

    @Test
    @Order(1)
    void an_empty_data_directory_is_reported_empty() {
        PostgresState s = primary.probe();
        assertThat(s.dataDirectory()).isEqualTo(DataDirectory.EMPTY);
        assertThat(s.running()).isFalse();
    }

    @Test
    @Order(2)
    void bootstrap_makes_a_primary_with_checksums_tls_and_scram_and_the_specs_users() throws Exception {
        primary.initdb();
        primary.writeConfiguration(LocalPostgres.tls());
        assertThat(primary.controlData()).containsEntry("Data page checksum version", "1");
        primaryKeeper.disarm();
        primary.start(START);
        primary.bootstrapRoles(List.of(new UserSpec("app", List.of("appdb"), List.of("CREATEDB"))),
                user -> "app-password-0123456789-abcdefghij");

        PostgresState s = primary.probe();
        assertThat(s.dataDirectory()).isEqualTo(DataDirectory.PRIMARY);
        assertThat(s.runningAsPrimary()).isTrue();
        assertThat(s.timeline()).isEqualTo(1);
        assertThat(s.systemIdentifier()).isNotBlank();
        assertThat(s.currentLsn()).isNotNull();

        // the application user logs in over TLS with its password; without TLS it is rejected (hostssl only)
        try (Connection c = connect(primaryAddress, "app", "app-password-0123456789-abcdefghij", "appdb", "require");
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }
        assertThatThrownBy(() -> connect(primaryAddress, "app", "app-password-0123456789-abcdefghij", "appdb", "disable"))
                .isInstanceOf(SQLException.class).hasMessageContaining("pg_hba.conf rejects connection");
        // the password is stored as a SCRAM verifier
        try (Statement st = primary.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT rolpassword FROM pg_authid WHERE rolname = 'app'")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("SCRAM-SHA-256$4096:");
        }
    }

    @Test
    @Order(3)
    void a_replica_is_cloned_over_tls_and_streams_with_its_own_slot() throws Exception {
        primary.createSlot("pg_1");
        replica.writeSecrets(LocalPostgres.tls());
        replica.cloneFrom(primaryAddress, Duration.ofMinutes(5));
        replica.writeConfiguration(LocalPostgres.tls());
        assertThat(replica.probe().dataDirectory()).isEqualTo(DataDirectory.STANDBY);
        assertThat(replica.following()).isEqualTo("pg-0");
        replicaKeeper.disarm();
        replica.start(START);

        await().atMost(Duration.ofSeconds(30)).until(() -> replica.probe().walReceiverStreaming());
        PostgresState r = replica.probe();
        assertThat(r.runningAsReplica()).isTrue();
        assertThat(r.following()).isEqualTo("pg-0");
        try (Statement st = primary.connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT r.application_name, s.ssl, sl.active FROM pg_stat_replication r"
                     + " JOIN pg_stat_ssl s ON s.pid = r.pid JOIN pg_replication_slots sl ON sl.active_pid = r.pid")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("pg-1");
            assertThat(rs.getBoolean(2)).as("streams over TLS").isTrue();
            assertThat(rs.getBoolean(3)).as("uses its slot").isTrue();
        }
        PostgresState p = primary.probe();
        assertThat(p.replication()).extracting(PostgresState.ReplicationConnection::applicationName).containsExactly("pg-1");
        assertThat(p.slots()).contains("pg_1");
        // the leader measures the standby's replay lag in seconds (pg_stat_replication): a number, never idle time
        try (Statement st = primary.connection().createStatement()) {
            st.execute("CREATE TABLE lag_probe AS SELECT g FROM generate_series(1, 1000) g");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PostgresState now = primary.probe();
            return !now.replication().isEmpty() && now.replication().getFirst().lagSeconds(now.currentLsn()) != null;
        });
        PostgresState measured = primary.probe();
        assertThat(measured.replication().getFirst().lagSeconds(measured.currentLsn())).isGreaterThanOrEqualTo(0.0);
        // idle and caught up, PostgreSQL shows replay_lag as NULL after a moment: the probe says "no measurement"
        // (null), never 0 s, so a standby that falls behind on the next burst is not shown as 0 s behind
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Statement st = primary.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT replay_lag IS NULL FROM pg_stat_replication")) {
                return rs.next() && rs.getBoolean(1);
            }
        });
        assertThat(primary.probe().replication().getFirst().replayLagSeconds()).isNull();
    }

    @Test
    @Order(4)
    void a_standby_is_listed_in_synchronous_standby_names_and_every_wal_sender_confirms_the_new_setting() throws Exception {
        primary.setSynchronousStandbyNames(List.of("pg-1"));
        await().atMost(Duration.ofSeconds(10)).until(() -> primary.walSendersTook(List.of("pg-1")));
        Lsn target = primary.currentWalLsn();
        try (Statement st = primary.connection().createStatement()) {
            st.execute("CREATE TABLE sync_probe (id int)");
            st.execute("INSERT INTO sync_probe VALUES (1)");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> primary.probe().replication().stream()
                .anyMatch(c -> c.flushLsn() != null && c.flushLsn().isAtLeast(target)));
        assertThat(primary.probe().synchronousStandbyNames()).containsExactly("pg-1");

        // required-sync with no standby: the placeholder matches nothing and a client's commit waits (until its
        // wait is cancelled, when PostgreSQL warns that it committed locally: the documented cancelled-wait leak)
        try (Connection c = connect(primaryAddress, "app", "app-password-0123456789-abcdefghij", "appdb", "require");
             Statement st = c.createStatement()) {
            st.execute("CREATE TABLE waits (id int)");
        }
        try {
            primary.setSynchronousStandbyNames(List.of(SyncPlanner.PLACEHOLDER));
            await().atMost(Duration.ofSeconds(10)).until(() -> primary.walSendersTook(List.of(SyncPlanner.PLACEHOLDER)));
            try (Connection c = connect(primaryAddress, "app", "app-password-0123456789-abcdefghij", "appdb", "require");
                 Statement st = c.createStatement()) {
                st.setQueryTimeout(2);
                long t0 = System.nanoTime();
                st.execute("INSERT INTO waits VALUES (2)");
                assertThat(System.nanoTime() - t0).isGreaterThan(Duration.ofMillis(1900).toNanos());
                assertThat(st.getWarnings().getMessage()).contains("canceling wait for synchronous replication");
            }
        } finally {
            primary.setSynchronousStandbyNames(List.of());
        }
    }

    @Test
    @Order(5)
    void the_replica_promotes_after_its_wal_receiver_stopped_and_the_old_primary_rejoins_through_pg_rewind()
            throws Exception {
        // diverge: the old primary commits something the replica never sees, then both sides carry on
        try (Statement st = primary.connection().createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS history (id int, at text)");
            st.execute("INSERT INTO history VALUES (1, 'before failover')");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> replica.probe().highestLsn()
                .isAtLeast(primary.probe().currentLsn()));
        assertThat(replica.stopWalReceiver(Duration.ofSeconds(5))).isTrue();
        try (Statement st = primary.connection().createStatement()) {
            st.execute("INSERT INTO history VALUES (2, 'lost on the old primary')");
        }
        primaryKeeper.stop(KeeperClient.StopMode.IMMEDIATE, Duration.ofSeconds(10));

        replica.promote(false, Duration.ofSeconds(30));
        replica.createSlot("pg_0");
        PostgresState promoted = replica.probe();
        assertThat(promoted.runningAsPrimary()).isTrue();
        assertThat(promoted.timeline()).isEqualTo(2);
        assertThat(promoted.dataDirectory()).isEqualTo(DataDirectory.PRIMARY);
        try (Statement st = replica.connection().createStatement()) {
            st.execute("INSERT INTO history VALUES (3, 'on the new primary')");
        }

        PostgresState old = primary.probe();
        assertThat(old.running()).isFalse();
        assertThat(old.dataDirectory()).isEqualTo(DataDirectory.PRIMARY);
        assertThat(old.timeline()).isEqualTo(1);

        PostgresControl.RewindOutcome outcome = primary.rewind(replicaAddress, LocalPostgres.tls(), Duration.ofMinutes(5));
        assertThat(outcome.ok()).as(outcome.message()).isTrue();
        assertThat(primary.probe().dataDirectory()).isEqualTo(DataDirectory.STANDBY);
        primaryKeeper.disarm();
        primary.start(START);
        await().atMost(Duration.ofSeconds(30)).until(() -> primary.probe().walReceiverStreaming());
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(primary).equals(List.of(1, 3)));
        assertThat(primary.probe().timeline()).isEqualTo(2);
        assertThat(primary.probe().following()).isEqualTo("pg-1");
        // with no WAL receiver running, the replica still knows it replays timeline 2 (no restartpoint yet)
        assertThat(primary.stopWalReceiver(Duration.ofSeconds(5))).isTrue();
        assertThat(primary.probe().walReceiverStreaming()).isFalse();
        assertThat(primary.probe().timeline()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void a_rewind_from_an_unreachable_source_fails_without_touching_the_data_directory() throws Exception {
        primaryKeeper.stop(KeeperClient.StopMode.FAST, Duration.ofSeconds(30));
        String before = Files.readString(primary.settings().pgdata().resolve("PG_VERSION"));
        PostgresControl.RewindOutcome outcome = primary.rewind(new MemberAddress("nobody", "127.0.0.1",
                LocalPostgres.freePort(), 0), LocalPostgres.tls(), Duration.ofSeconds(30));
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.couldNotConnect()).isTrue();
        assertThat(Files.readString(primary.settings().pgdata().resolve("PG_VERSION"))).isEqualTo(before);
        assertThat(primary.probe().dataDirectory()).isEqualTo(DataDirectory.STANDBY);
    }

    private static List<Integer> rows(PostgresControl member) throws SQLException {
        try (Connection c = member.openConnection(Duration.ofSeconds(2)); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id FROM history ORDER BY id")) {
            List<Integer> ids = new java.util.ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
            return ids;
        }
    }

    private static Connection connect(MemberAddress a, String user, String password, String db, String sslmode)
            throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("sslmode", sslmode);
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection("jdbc:postgresql://" + a.host() + ":" + a.pgPort() + "/" + db, p);
    }
}
