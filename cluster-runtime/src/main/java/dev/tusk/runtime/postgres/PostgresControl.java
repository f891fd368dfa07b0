package dev.tusk.runtime.postgres;

import dev.tusk.runtime.ha.DataDirectory;
import dev.tusk.runtime.ha.Lsn;
import dev.tusk.runtime.ha.PostgresState;
import dev.tusk.runtime.ha.SyncPlanner;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec.UserSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the agent does to its local Postgres: initdb, configuration, start and stop (through the fence
 * keeper), clone, follow, promote, rewind, slots, synchronous standbys, and the probe that feeds the decider.
 * Knows nothing of leases or decisions.
 *
 * <p>Files: {@code tusk.conf} (included from postgresql.conf; Tusk's settings after the spec's parameters),
 * {@code tusk-replication.conf} (primary_conninfo and slot; first line names the member followed),
 * {@code tusk-sync.conf} (synchronous_standby_names), {@code pg_hba.conf}. Secrets and TLS files live outside the
 * data directory (in {@code tlsDir}) so pg_basebackup never copies them.
 */
public final class PostgresControl implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresControl.class);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");
    private static final String FOLLOWING_PREFIX = "# tusk: following ";

    private final PostgresSettings s;
    private final OsUser os;
    private final String member;
    private volatile KeeperClient keeper;
    private Connection connection;
    private Integer binaryMajor;
    private volatile PostgresState lastGoodRunning;

    public PostgresControl(PostgresSettings settings, OsUser os, String member) {
        this.s = settings;
        this.os = os;
        this.member = member;
    }

    public void attachKeeper(KeeperClient keeper) {
        this.keeper = keeper;
    }

    public PostgresSettings settings() {
        return s;
    }

    public OsUser os() {
        return os;
    }

    // ---- probe ----------------------------------------------------------------------------------------------

    /** The local state for the decider. Never throws: a failing SQL probe is reported in {@code probeError}. */
    public PostgresState probe() {
        DirInfo dir = classify();
        boolean running = running();
        if (!running) {
            closeConnection();
            lastGoodRunning = null;
            return stoppedState(dir);
        }
        try {
            PostgresState state = probeSql(dir);
            lastGoodRunning = state;
            return state;
        } catch (SQLException e) {
            closeConnection();
            String error = "SQL probe failed: " + firstLine(e.getMessage());
            PostgresState last = lastGoodRunning;
            if (last != null) {
                return new PostgresState(dir.kind(), dir.problem(), true, last.inRecovery(), last.timeline(),
                        last.systemIdentifier(), last.receivedLsn(), last.replayLsn(), last.currentLsn(), false,
                        following(), List.of(), last.synchronousStandbyNames(), last.slots(), error);
            }
            PostgresState stopped = stoppedState(dir);
            return new PostgresState(dir.kind(), dir.problem(), true, dir.kind() != DataDirectory.PRIMARY,
                    stopped.timeline(), stopped.systemIdentifier(), null, stopped.replayLsn(), null, false, following(),
                    List.of(), List.of(), List.of(), error);
        }
    }

    /** The postmaster this agent's keeper started is alive. */
    public boolean running() {
        KeeperClient k = keeper;
        if (k == null || !k.running()) {
            return false;
        }
        return ProcessHandle.of(k.postmasterPid()).map(ProcessHandle::isAlive).orElse(false);
    }

    private record DirInfo(DataDirectory kind, String problem) {
    }

    private DirInfo classify() {
        Path d = s.pgdata();
        try {
            if (!Files.isDirectory(d)) {
                return new DirInfo(DataDirectory.EMPTY, null);
            }
            try (Stream<Path> entries = Files.list(d)) {
                if (entries.findAny().isEmpty()) {
                    return new DirInfo(DataDirectory.EMPTY, null);
                }
            }
            Path version = d.resolve("PG_VERSION");
            if (!Files.isRegularFile(version)) {
                return new DirInfo(DataDirectory.INVALID, d + " is not empty but has no PG_VERSION");
            }
            int major = Integer.parseInt(Files.readString(version).trim());
            if (major != binaryMajor()) {
                return new DirInfo(DataDirectory.INVALID, d + " holds PostgreSQL " + major + " data but the binaries are "
                        + binaryMajor());
            }
            return new DirInfo(Files.exists(d.resolve("standby.signal")) ? DataDirectory.STANDBY : DataDirectory.PRIMARY,
                    null);
        } catch (IOException | NumberFormatException e) {
            return new DirInfo(DataDirectory.INVALID, "cannot read " + d + ": " + e.getMessage());
        }
    }

    /** The major version of the Postgres binaries ({@code postgres --version}). */
    public int binaryMajor() throws IOException {
        if (binaryMajor == null) {
            OsUser.Result r = OsUser.self().run(List.of(s.program("postgres").toString(), "--version"), Map.of(), null,
                    Duration.ofSeconds(10));
            Matcher m = Pattern.compile("\\) (\\d+)").matcher(r.output());
            if (!r.ok() || !m.find()) {
                throw new IOException("cannot tell the PostgreSQL version of " + s.program("postgres") + ": " + r.tail());
            }
            binaryMajor = Integer.parseInt(m.group(1));
        }
        return binaryMajor;
    }

    private PostgresState stoppedState(DirInfo dir) {
        if (!dir.kind().initialized()) {
            return new PostgresState(dir.kind(), dir.problem(), false, false, 0, null, null, null, null, false, null,
                    List.of(), List.of(), List.of(), null);
        }
        Map<String, String> control = controlData();
        int timeline = Math.max(parseInt(control.get("Latest checkpoint's TimeLineID")),
                parseInt(control.get("Minimum recovery ending loc's timeline")));
        Lsn checkpoint = Lsn.max(parseLsn(control.get("Latest checkpoint location")),
                parseLsn(control.get("Minimum recovery ending location")));
        return new PostgresState(dir.kind(), dir.problem(), false, false, timeline,
                control.get("Database system identifier"), null, checkpoint, null, false, following(), List.of(),
                List.of(), List.of(), null);
    }

    /** pg_controldata as key → value; empty when it cannot be read. */
    public Map<String, String> controlData() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            OsUser.Result r = os.run(List.of(s.program("pg_controldata").toString(), "-D", s.pgdata().toString()),
                    Map.of(), null, Duration.ofSeconds(10));
            if (!r.ok()) {
                return out;
            }
            for (String line : r.output().split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    out.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException e) {
            log.warn("pg_controldata failed: {}", e.toString());
        }
        return out;
    }

    private PostgresState probeSql(DirInfo dir) throws SQLException {
        Connection c = connection();
        boolean inRecovery;
        Lsn current = null;
        Lsn received;
        Lsn replayed;
        String sysid;
        int timeline;
        boolean streaming;
        String syncSetting;
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(2);
            try (ResultSet rs = st.executeQuery("""
                    SELECT pg_is_in_recovery(),
                           CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_current_wal_lsn()::text END,
                           pg_last_wal_receive_lsn()::text,
                           pg_last_wal_replay_lsn()::text,
                           (SELECT system_identifier::text FROM pg_control_system()),
                           CASE WHEN pg_is_in_recovery()
                                THEN GREATEST((SELECT timeline_id FROM pg_control_checkpoint()),
                                              (SELECT min_recovery_end_timeline FROM pg_control_recovery()),
                                              (SELECT received_tli FROM pg_stat_wal_receiver))
                                ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END,
                           (SELECT status FROM pg_stat_wal_receiver),
                           current_setting('synchronous_standby_names')""")) {
                rs.next();
                inRecovery = rs.getBoolean(1);
                current = Lsn.parseOrNull(rs.getString(2));
                received = Lsn.parseOrNull(rs.getString(3));
                replayed = Lsn.parseOrNull(rs.getString(4));
                sysid = rs.getString(5);
                timeline = rs.getInt(6);
                streaming = "streaming".equals(rs.getString(7));
                syncSetting = rs.getString(8);
            }
            List<PostgresState.ReplicationConnection> conns = inRecovery ? new ArrayList<>() : walSenders(st);
            List<String> slots = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE slot_type = 'physical'")) {
                while (rs.next()) {
                    slots.add(rs.getString(1));
                }
            }
            if (inRecovery) {
                // the checkpoint's and the WAL receiver's timelines lag behind a replica that replayed onto a new
                // timeline while no WAL receiver runs; IDENTIFY_SYSTEM on a standby answers its replay timeline
                timeline = Math.max(timeline, replayTimeline());
            }
            return new PostgresState(dir.kind(), dir.problem(), true, inRecovery, timeline, sysid, received, replayed,
                    current, streaming, inRecovery ? following() : null, conns, parseSyncSetting(syncSetting), slots,
                    null);
        }
    }

    /** pg_stat_replication: one row per WAL sender. */
    private static List<PostgresState.ReplicationConnection> walSenders(Statement st) throws SQLException {
        List<PostgresState.ReplicationConnection> conns = new ArrayList<>();
        try (ResultSet rs = st.executeQuery("SELECT application_name, state, flush_lsn::text, sync_priority,"
                + " sync_state, replay_lsn::text, extract(epoch FROM replay_lag)::float8"
                + " FROM pg_stat_replication")) {
            while (rs.next()) {
                // replay_lag is NULL when PostgreSQL has no measurement (an idle standby): unknown, never 0
                Double lag = rs.getObject(7, Double.class);
                conns.add(new PostgresState.ReplicationConnection(rs.getString(1), rs.getString(2),
                        Lsn.parseOrNull(rs.getString(3)), rs.getInt(4), rs.getString(5),
                        Lsn.parseOrNull(rs.getString(6)), lag));
            }
        }
        return conns;
    }

    private Connection replication;

    /** The standby's replay timeline, from IDENTIFY_SYSTEM over a replication connection to itself (as Patroni). */
    private synchronized int replayTimeline() {
        try {
            if (replication == null || replication.isClosed()) {
                Properties p = new Properties();
                p.setProperty("user", s.superuser());
                p.setProperty("password", s.superuserPassword());
                p.setProperty("sslmode", "disable");
                p.setProperty("replication", "true");
                p.setProperty("preferQueryMode", "simple");
                p.setProperty("assumeMinServerVersion", "10");
                p.setProperty("connectTimeout", "2");
                p.setProperty("socketTimeout", "5");
                p.setProperty("ApplicationName", "tusk-agent-timeline");
                replication = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres", p);
            }
            try (Statement st = replication.createStatement(); ResultSet rs = st.executeQuery("IDENTIFY_SYSTEM")) {
                rs.next();
                return rs.getInt(2);
            }
        } catch (SQLException e) {
            if (replication != null) {
                try {
                    replication.close();
                } catch (SQLException ignored) {
                    // gone
                }
                replication = null;
            }
            return 0;
        }
    }

    static List<String> parseSyncSetting(String value) {
        List<String> names = new ArrayList<>();
        if (value == null) {
            return names;
        }
        Matcher m = QUOTED.matcher(value);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The member named on the first line of tusk-replication.conf, or null. */
    public String following() {
        try {
            Path f = s.pgdata().resolve("tusk-replication.conf");
            if (!Files.isRegularFile(f)) {
                return null;
            }
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith(FOLLOWING_PREFIX)) {
                    String name = line.substring(FOLLOWING_PREFIX.length()).trim();
                    return name.isEmpty() ? null : name;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    // ---- initdb and configuration ------------------------------------------------------------------------------

    /**
     * initdb with data checksums, SCRAM for host connections and peer for local ones, into a temporary directory
     * that is renamed into place only when complete (an interrupted initdb never leaves a half data directory).
     */
    public void initdb() throws IOException {
        Path target = s.pgdata();
        Path tmp = target.resolveSibling(target.getFileName() + ".initdb");
        deleteTree(tmp);
        Files.createDirectories(target.getParent());
        Path pwfile = s.tlsDir().resolve("initdb-pwfile");
        os.createPrivateDirectory(s.tlsDir());
        os.writePrivate(pwfile, s.superuserPassword() + "\n");
        try {
            OsUser.Result r = os.run(List.of(s.program("initdb").toString(), "-D", tmp.toString(), "--data-checksums",
                    "--auth-local=peer", "--auth-host=scram-sha-256", "--username=" + s.superuser(),
                    "--pwfile=" + pwfile, "--encoding=UTF8", "--locale=C.UTF-8"), Map.of(), target.getParent(),
                    Duration.ofMinutes(5));
            if (!r.ok()) {
                deleteTree(tmp);
                throw new IOException("initdb failed: " + r.tail());
            }
        } finally {
            Files.deleteIfExists(pwfile);
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    deleteTree(tmp);
                    throw new IOException(target + " is not empty; refusing to replace it with a new cluster");
                }
            }
            Files.delete(target);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** TLS files as the Secret {@code <cluster>-tls} holds them. */
    public record TlsMaterial(String caCertificate, String certificate, String privateKey) {
        @Override
        public String toString() {
            return "TlsMaterial[…]";
        }
    }

    /**
     * Writes Tusk's configuration: TLS files and the password file outside the data directory, then tusk.conf,
     * pg_hba.conf and the include line in postgresql.conf. Idempotent; takes effect at the next start or reload.
     */
    public void writeConfiguration(TlsMaterial tls) throws IOException {
        writeSecrets(tls);
        writeDataDirectoryConfiguration();
    }

    /**
     * TLS files, the password file and the socket directory, outside the data directory: needed before a clone or a
     * rewind can connect to the leader.
     */
    public void writeSecrets(TlsMaterial tls) throws IOException {
        os.createPrivateDirectory(s.tlsDir());
        os.write(s.tlsDir().resolve("ca.crt"), tls.caCertificate());
        os.write(s.tlsDir().resolve("server.crt"), tls.certificate());
        os.writePrivate(s.tlsDir().resolve("server.key"), tls.privateKey());
        os.writePrivate(passfile(), "*:*:*:" + pgpassEscape(s.replicationUser()) + ":"
                + pgpassEscape(s.replicationPassword()) + "\n*:*:*:" + pgpassEscape(s.superuser()) + ":"
                + pgpassEscape(s.superuserPassword()) + "\n");
        if (!Files.isDirectory(s.socketDir())) {
            // in a pod it is an emptyDir the agent does not own (and must not chmod); on a host it is created here
            os.createPrivateDirectory(s.socketDir());
        }
    }

    /** tusk.conf, pg_hba.conf and the include line in postgresql.conf. */
    public void writeDataDirectoryConfiguration() throws IOException {
        StringBuilder conf = new StringBuilder("# Written by the Tusk agent; edits are overwritten.\n");
        conf.append("# Parameters from the cluster spec:\n");
        s.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> conf.append(e.getKey()).append(" = ").append(confQuote(e.getValue())).append('\n'));
        conf.append("# Tusk's own settings (they win over the spec's):\n");
        Map<String, String> own = new LinkedHashMap<>();
        own.put("listen_addresses", s.listenAddresses());
        own.put("port", Integer.toString(s.port()));
        own.put("unix_socket_directories", s.socketDir().toString());
        own.put("hba_file", s.pgdata().resolve("pg_hba.conf").toString());
        own.put("ssl", "on");
        own.put("ssl_cert_file", s.tlsDir().resolve("server.crt").toString());
        own.put("ssl_key_file", s.tlsDir().resolve("server.key").toString());
        own.put("ssl_ca_file", s.tlsDir().resolve("ca.crt").toString());
        own.put("password_encryption", "scram-sha-256");
        own.put("wal_level", "replica");
        own.put("hot_standby", "on");
        own.put("hot_standby_feedback", "on");
        own.put("max_wal_senders", "10");
        own.put("max_replication_slots", "10");
        own.put("wal_keep_size", "128MB");
        own.put("wal_log_hints", "on");
        own.put("recovery_target_timeline", "latest");
        own.put("wal_receiver_status_interval", "1s");
        // a standby whose WAL receiver ended (its primary restarted, or it was pointed at a new one) retries this soon:
        // in required-sync every commit waits for it (PostgreSQL's default is 5 s)
        own.put("wal_retrieve_retry_interval", "200ms");
        own.put("wal_sender_timeout", "10s");
        own.put("wal_receiver_timeout", "10s");
        own.put("logging_collector", "off");
        own.put("log_destination", "stderr");
        own.put("log_line_prefix", "%m [%p] " + member + " ");
        own.forEach((k, v) -> conf.append(k).append(" = ").append(confQuote(v)).append('\n'));
        conf.append("include_if_exists = 'tusk-replication.conf'\n");
        conf.append("include_if_exists = 'tusk-sync.conf'\n");
        os.write(s.pgdata().resolve("tusk.conf"), conf.toString());

        os.write(s.pgdata().resolve("pg_hba.conf"), """
                # Written by the Tusk agent; edits are overwritten.
                # TYPE   DATABASE     USER        ADDRESS        METHOD
                local    all          all                        peer
                host     all          %1$s    127.0.0.1/32   scram-sha-256
                host     all          %1$s    ::1/128        scram-sha-256
                host     replication  %1$s    127.0.0.1/32   scram-sha-256
                hostssl  replication  %2$s    0.0.0.0/0      scram-sha-256
                hostssl  replication  %2$s    ::/0           scram-sha-256
                hostssl  all          all         0.0.0.0/0      scram-sha-256
                hostssl  all          all         ::/0           scram-sha-256
                host     all          all         0.0.0.0/0      reject
                host     all          all         ::/0           reject
                host     replication  all         0.0.0.0/0      reject
                host     replication  all         ::/0           reject
                """.formatted(s.superuser(), s.replicationUser()));

        Path main = s.pgdata().resolve("postgresql.conf");
        String text = Files.exists(main) ? Files.readString(main) : "";
        if (!text.contains("include_if_exists = 'tusk.conf'")) {
            os.write(main, text + "\n# Tusk\ninclude_if_exists = 'tusk.conf'\n");
        }
        if (!Files.exists(s.pgdata().resolve("tusk-sync.conf"))) {
            setSynchronousStandbyFile(List.of());
        }
    }

    private Path passfile() {
        return s.tlsDir().resolve("pgpass");
    }

    private static String pgpassEscape(String v) {
        return v.replace("\\", "\\\\").replace(":", "\\:");
    }

    private static String confQuote(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    // ---- start, stop, readiness --------------------------------------------------------------------------------

    /**
     * Starts the postmaster through the keeper and waits until it accepts connections, exits, or {@code timeout}
     * passes (a replica that cannot reach a consistent state keeps running and is reported by the next probe).
     */
    public void start(Duration timeout) throws IOException {
        KeeperClient k = requireKeeper();
        Files.deleteIfExists(s.pgdata().resolve("postmaster.pid.tmp"));
        k.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running()) {
                throw new IOException("Postgres exited during start-up; see its log" + logHint());
            }
            try (Connection c = openConnection(Duration.ofSeconds(1))) {
                return;
            } catch (SQLException e) {
                sleep(100);
            }
        }
        log.info("Postgres runs but does not accept connections after {} s yet", timeout.toSeconds());
    }

    private String logHint() {
        return s.logFile() == null ? "" : " (" + s.logFile() + ")";
    }

    /** Stops Postgres in {@code mode}; true when it exited within {@code timeout}. */
    public boolean stop(KeeperClient.StopMode mode, Duration timeout) throws IOException {
        closeConnection();
        KeeperClient k = keeper;
        if (k == null) {
            return true;
        }
        return k.stop(mode, timeout);
    }

    private KeeperClient requireKeeper() throws IOException {
        KeeperClient k = keeper;
        if (k == null || !k.alive()) {
            throw new IOException("the fence keeper is not running");
        }
        return k;
    }

    // ---- bootstrap -------------------------------------------------------------------------------------------

    /**
     * Creates the replication role and the spec's users and databases (idempotent). Passwords go in as SCRAM
     * verifiers, never as cleartext in a statement. On a connection of its own: the HA loop's probe uses the shared
     * one every cycle and must not queue behind a {@code CREATE DATABASE}.
     */
    public void bootstrapRoles(List<UserSpec> users, Function<String, String> passwordOfUser) throws SQLException {
        try (Connection c = openConnection(Duration.ofSeconds(2))) {
            keepStatementsOutOfTheServerLog(c);
            ensureRole(c, s.replicationUser(), "REPLICATION LOGIN", s.replicationPassword());
            for (UserSpec user : users) {
                ensureRole(c, user.name(), RoleReconciler.roleOptions(user), passwordOfUser.apply(user.name()));
                for (String db : user.databases()) {
                    if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", db)) {
                        try (Statement st = c.createStatement()) {
                            st.execute(RoleReconciler.createDatabaseStatement(db, user.name()));
                        }
                    }
                }
            }
        }
    }

    /**
     * Statements carrying a password verifier stay out of the server log on this connection, whatever the spec's
     * {@code log_statement} says and when they fail ({@code log_min_error_statement}): a verifier allows offline
     * guessing of a weak password. Tusk's agent connects as the superuser, which may set both.
     */
    static void keepStatementsOutOfTheServerLog(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET log_statement = 'none'");
            st.execute("SET log_min_error_statement = 'panic'");
        }
    }

    /** Creates or alters role {@code name}; the caller has kept {@code c}'s statements out of the server log. */
    private void ensureRole(Connection c, String name, String options, String password) throws SQLException {
        String verifier = ScramVerifier.of(password);
        boolean exists = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name);
        try (Statement st = c.createStatement()) {
            st.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + ident(name) + " WITH " + options + " PASSWORD '"
                    + verifier + "'");
        }
    }

    private static boolean exists(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    // ---- replicas --------------------------------------------------------------------------------------------

    private String conninfo(MemberAddress leader, String user, String database) {
        StringBuilder sb = new StringBuilder();
        sb.append("host=").append(leader.host()).append(" port=").append(leader.pgPort()).append(" user=").append(user);
        if (database != null) {
            sb.append(" dbname=").append(database);
        }
        // sslcert/sslkey name files that do not exist: libpq must not look in $HOME/.postgresql (no client certs)
        sb.append(" passfile=").append(passfile()).append(" sslmode=verify-ca sslrootcert=")
                .append(s.tlsDir().resolve("ca.crt")).append(" sslcert=").append(s.tlsDir().resolve("no-client.crt"))
                .append(" sslkey=").append(s.tlsDir().resolve("no-client.key")).append(" application_name=").append(member)
                .append(" connect_timeout=2 keepalives=1 keepalives_idle=2 keepalives_interval=1 keepalives_count=3");
        return sb.toString();
    }

    /**
     * Clones {@code leader} with pg_basebackup over TLS into a temporary directory, configures it as a standby of
     * the leader, and renames it into place. A failed clone leaves nothing behind.
     */
    public void cloneFrom(MemberAddress leader, Duration timeout) throws IOException {
        // the clone carries the leader's configuration files: the caller rewrites them (writeConfiguration)
        Path target = s.pgdata();
        Path tmp = target.resolveSibling(target.getFileName() + ".clone");
        deleteTree(tmp);
        os.createPrivateDirectory(tmp);
        OsUser.Result r = os.run(List.of(s.program("pg_basebackup").toString(), "-D", tmp.toString(), "-X", "stream",
                "-c", "fast", "--no-password", "-d", conninfo(leader, s.replicationUser(), null)),
                Map.of("PGPASSFILE", passfile().toString()), null, timeout);
        if (!r.ok()) {
            deleteTree(tmp);
            throw new IOException("pg_basebackup from " + leader.name() + " failed: " + r.tail());
        }
        writeStandbyFiles(tmp, leader);
        os.write(tmp.resolve("tusk-sync.conf"), "synchronous_standby_names = ''\n");
        if (Files.isDirectory(target)) {
            try (Stream<Path> entries = Files.list(target)) {
                if (entries.findAny().isPresent()) {
                    deleteTree(tmp);
                    throw new IOException(target + " is not empty; refusing to replace it with a clone");
                }
            }
            Files.delete(target);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void writeStandbyFiles(Path dir, MemberAddress leader) throws IOException {
        String text = FOLLOWING_PREFIX + (leader == null ? "" : leader.name()) + "\n"
                + "primary_conninfo = " + confQuote(leader == null ? "" : conninfo(leader, s.replicationUser(), null))
                + "\n"
                + "primary_slot_name = " + confQuote(leader == null ? "" : ClusterNames.slotName(member)) + "\n";
        os.write(dir.resolve("tusk-replication.conf"), text);
        Path signal = dir.resolve("standby.signal");
        if (!Files.exists(signal)) {
            os.write(signal, "");
        }
    }

    /** Makes the (stopped) data directory a standby of {@code leader} (null: no one to follow yet). */
    public void configureStandby(MemberAddress leader) throws IOException {
        writeStandbyFiles(s.pgdata(), leader);
    }

    /** Points the running replica at {@code leader}: rewrite primary_conninfo and reload (PostgreSQL ≥ 13). */
    public void follow(MemberAddress leader) throws IOException, SQLException {
        writeStandbyFiles(s.pgdata(), leader);
        reload();
    }

    /**
     * Stops the WAL receiver (empty primary_conninfo, reload) and waits up to {@code timeout} for it to go, so that
     * the position this member ranked with is final before it promotes.
     */
    public boolean stopWalReceiver(Duration timeout) throws IOException, SQLException {
        writeStandbyFiles(s.pgdata(), null);
        reload();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Statement st = connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_wal_receiver")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return true;
                }
            }
            sleep(50);
        }
        return false;
    }

    /**
     * Promotes: (required-sync) first a synchronous_standby_names that matches nothing, so no commit is acknowledged
     * before a standby is published; then pg_promote(wait), the removal of standby configuration and a checkpoint.
     */
    public void promote(boolean commitsWaitForAStandby, Duration timeout) throws IOException, SQLException {
        promote(commitsWaitForAStandby, timeout, () -> { });
    }

    /**
     * As {@link #promote(boolean, Duration)}, running {@code beforeCheckpoint} right after the promotion (the leader
     * routes its Service there: writes need not wait for the checkpoint, only a rewind from this member does).
     */
    public void promote(boolean commitsWaitForAStandby, Duration timeout, Runnable beforeCheckpoint)
            throws IOException, SQLException {
        setSynchronousStandbyFile(commitsWaitForAStandby ? List.of(SyncPlanner.PLACEHOLDER) : List.of());
        reload();
        try (Statement st = connection().createStatement()) {
            st.setQueryTimeout((int) Math.max(1, timeout.toSeconds() + 5));
            try (ResultSet rs = st.executeQuery("SELECT pg_promote(true, " + Math.max(1, timeout.toSeconds()) + ")")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    throw new IOException("pg_promote did not finish within " + timeout.toSeconds() + " s");
                }
            }
        }
        os.write(s.pgdata().resolve("tusk-replication.conf"), FOLLOWING_PREFIX + "\n");
        beforeCheckpoint.run();
        // the end-of-recovery checkpoint puts the new timeline into pg_control: until then pg_rewind from this member
        // would see the old timeline and wrongly find nothing to rewind
        checkpoint();
    }

    /** What pg_rewind did. */
    public record RewindOutcome(boolean ok, boolean couldNotConnect, String message) {
    }

    /**
     * Rewinds the stopped data directory from {@code leader} (as superuser over TLS; PostgreSQL ≥ 13 runs crash
     * recovery on the target itself first), rewrites Tusk's configuration (pg_rewind copies the leader's), drops
     * the old replication slots and makes it a standby of the leader. Never deletes the data directory.
     */
    public RewindOutcome rewind(MemberAddress leader, TlsMaterial tls, Duration timeout) throws IOException {
        OsUser.Result r = os.run(List.of(s.program("pg_rewind").toString(), "-D", s.pgdata().toString(),
                "--source-server=" + conninfo(leader, s.superuser(), "postgres"), "--no-sync"),
                Map.of("PGPASSFILE", passfile().toString()), s.pgdata().getParent(), timeout);
        if (!r.ok()) {
            String tail = r.tail();
            boolean connect = r.output().contains("could not connect") || r.output().contains("Connection refused")
                    || r.output().contains("timeout expired");
            return new RewindOutcome(false, connect, "pg_rewind from " + leader.name() + " failed: " + tail);
        }
        removeSlotFiles();
        writeDataDirectoryConfiguration();
        writeStandbyFiles(s.pgdata(), leader);
        setSynchronousStandbyFile(List.of());
        String summary = r.output().contains("no rewind required") ? "no rewind was required" : "rewound";
        return new RewindOutcome(true, false, summary);
    }

    private void removeSlotFiles() throws IOException {
        Path slots = s.pgdata().resolve("pg_replslot");
        if (!Files.isDirectory(slots)) {
            return;
        }
        try (Stream<Path> entries = Files.list(slots)) {
            for (Path p : entries.toList()) {
                deleteTree(p);
            }
        }
    }

    /** With the user's consent only: removes the data directory entirely. */
    public void wipeDataDirectory() throws IOException {
        deleteTree(s.pgdata());
    }

    // ---- leader duties ---------------------------------------------------------------------------------------

    public void createSlot(String name) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT pg_create_physical_replication_slot(?, true) WHERE NOT EXISTS"
                        + " (SELECT 1 FROM pg_replication_slots WHERE slot_name = ?)")) {
            ps.setString(1, name);
            ps.setString(2, name);
            ps.execute();
        }
    }

    public void dropSlot(String name) throws SQLException {
        try (PreparedStatement ps = connection().prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            ps.setString(1, name);
            ps.execute();
        }
    }

    /** Writes synchronous_standby_names (FIRST n over {@code names}) and reloads. */
    public void setSynchronousStandbyNames(List<String> names) throws IOException, SQLException {
        setSynchronousStandbyFile(names);
        reload();
    }

    private void setSynchronousStandbyFile(List<String> names) throws IOException {
        os.write(s.pgdata().resolve("tusk-sync.conf"),
                "synchronous_standby_names = " + confQuote(SyncPlanner.settingValue(names)) + "\n");
    }

    /**
     * True when every WAL sender reports the priority {@code setting} gives it: each has taken the setting, so no
     * commit is released under an older one from now on.
     */
    public boolean walSendersTook(List<String> setting) throws SQLException {
        try (Statement st = connection().createStatement()) {
            for (PostgresState.ReplicationConnection sender : walSenders(st)) {
                boolean live = sender.streaming() || "stopping".equals(sender.state());
                if (live && sender.syncPriority() != SyncPlanner.expectedPriority(setting, sender.applicationName())) {
                    return false;
                }
            }
        }
        try (Statement st = connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('synchronous_standby_names')")) {
            rs.next();
            return rs.getString(1).equals(SyncPlanner.settingValue(setting));
        }
    }

    public Lsn currentWalLsn() throws SQLException {
        try (Statement st = connection().createStatement();
             ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn()::text")) {
            rs.next();
            return Lsn.parse(rs.getString(1));
        }
    }

    public void checkpoint() throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.setQueryTimeout(60);
            st.execute("CHECKPOINT");
        }
    }

    public void reload() throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute("SELECT pg_reload_conf()");
        }
    }

    // ---- connections -----------------------------------------------------------------------------------------

    /** The agent's persistent connection (superuser over loopback); reopened after a failure. */
    public synchronized Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = openConnection(Duration.ofSeconds(2));
        }
        return connection;
    }

    /** A new connection as the superuser over loopback; the caller closes it. */
    public Connection openConnection(Duration timeout) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", s.superuser());
        p.setProperty("password", s.superuserPassword());
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("socketTimeout", "30");
        p.setProperty("ApplicationName", "tusk-agent");
        p.setProperty("tcpKeepAlive", "true");
        // the agent's own statements never wait for a synchronous standby (required-sync may have none)
        p.setProperty("options", "-c synchronous_commit=local -c statement_timeout=60s");
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port() + "/postgres", p);
    }

    private synchronized void closeConnection() {
        if (replication != null) {
            try {
                replication.close();
            } catch (SQLException e) {
                // gone anyway
            }
            replication = null;
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // gone anyway
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        closeConnection();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static int parseInt(String v) {
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Lsn parseLsn(String v) {
        try {
            return Lsn.parseOrNull(v);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
