package dev.tusk.runtime.postgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real PostgreSQL on this host for tests (tag {@code postgres}). Postgres refuses to run as root, so when the tests
 * run as root every Postgres program runs as the OS user {@code postgres} through setpriv (see {@link OsUser}); the
 * JVM stays root. Binaries: {@code TUSK_PG_BIN}, else the newest /usr/lib/postgresql/N/bin (15 on the host, 17 in the
 * image). Every member gets its own directory under one base directory that the postgres user can traverse.
 */
public final class LocalPostgres {

    public static final String SUPERUSER_PASSWORD = "super-secret-password-for-tests-0001";
    public static final String REPLICATION_PASSWORD = "replication-password-for-tests-0001";

    private LocalPostgres() {
    }

    public static Path bin() {
        String env = System.getenv("TUSK_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL under /usr/lib/postgresql;"
                            + " install postgresql-15 or set TUSK_PG_BIN"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL under /usr/lib/postgresql; set TUSK_PG_BIN", e);
        }
    }

    public static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    public static OsUser osUser() {
        return runningAsRoot() ? OsUser.as("postgres") : OsUser.self();
    }

    /** A base directory (0755) under /tmp that the postgres user can traverse; removed by {@link #delete}. */
    public static Path baseDirectory(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(Path.of("/tmp"), prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A port free now and never handed out before in this JVM (two servers set up back to back must not get the
     * same one: the port is released before the server binds it).
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    /** Settings for member {@code name} under {@code base}. */
    public static PostgresSettings settings(Path base, String name, int port) throws IOException {
        Path home = base.resolve(name);
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        osUser().own(home);
        return new PostgresSettings(bin(), home.resolve("pgdata"), home.resolve("tls"), home.resolve("run"), port,
                "127.0.0.1", Map.of("shared_buffers", "32MB", "max_connections", "50"), home.resolve("postgres.log"),
                "postgres", SUPERUSER_PASSWORD, "replicator", REPLICATION_PASSWORD);
    }

    /** Launches a fence keeper for {@code control} and attaches it. */
    public static KeeperClient keeper(PostgresControl control, java.util.function.Consumer<KeeperClient.Event> events)
            throws IOException {
        PostgresSettings s = control.settings();
        List<String> postgres = new java.util.ArrayList<>(control.os().postmasterPrefix());
        postgres.addAll(List.of(s.program("postgres").toString(), "-D", s.pgdata().toString()));
        KeeperClient keeper = KeeperClient.launch(KeeperClient.currentJava(), s.program("pg_ctl"), s.pgdata(), postgres,
                s.logFile(), events);
        control.attachKeeper(keeper);
        return keeper;
    }

    /** A CA and a server certificate made once per JVM with openssl. */
    public static synchronized PostgresControl.TlsMaterial tls() throws IOException {
        if (tls == null) {
            Path dir = Files.createTempDirectory("tusk-tls");
            run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=tusk-test-ca");
            run(dir, "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "tls.key", "-out", "tls.csr", "-subj", "/CN=tusk-test-server");
            run(dir, "openssl", "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                    "-CAcreateserial", "-out", "tls.crt", "-days", "2");
            tls = new PostgresControl.TlsMaterial(Files.readString(dir.resolve("ca.crt")),
                    Files.readString(dir.resolve("tls.crt")), Files.readString(dir.resolve("tls.key")));
            delete(dir);
        }
        return tls;
    }

    private static PostgresControl.TlsMaterial tls;

    private static void run(Path dir, String... argv) throws IOException {
        try {
            Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", argv) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    public static void delete(Path dir) {
        if (System.getenv("TUSK_KEEP_TMP") != null) {
            System.err.println("keeping " + dir + " (TUSK_KEEP_TMP)");
            return;
        }
        try {
            PostgresControl.deleteTree(dir);
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    public static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
