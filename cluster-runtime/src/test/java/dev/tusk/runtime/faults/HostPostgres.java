package dev.tusk.runtime.faults;

import dev.tusk.runtime.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server on this host (Debian's packages, whatever major is installed under
 * /usr/lib/postgresql), in a temporary directory, on a free loopback port, trust authentication. When the tests
 * run as root the server runs as the {@code postgres} user, because PostgreSQL refuses to run as root.
 */
final class HostPostgres implements AutoCloseable {

    final Path dir;
    final int port;
    final Path bin;

    private HostPostgres(Path dir, int port, Path bin) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
    }

    static Path binDir() {
        try (var s = Files.list(Path.of("/usr/lib/postgresql"))) {
            return s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("postgres")))
                    .max(java.util.Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql;"
                            + " install Debian's postgresql package"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server under /usr/lib/postgresql; install Debian's"
                    + " postgresql package", e);
        }
    }

    /** initdb + start a new primary. */
    static HostPostgres primary(String extraConf) throws Exception {
        Path bin = binDir();
        Path dir = tempDir();
        int port = freePort();
        run(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-sync");
        HostPostgres pg = new HostPostgres(dir, port, bin);
        pg.appendConf("listen_addresses = '127.0.0.1'\nport = " + port + "\nunix_socket_directories = '"
                + dir + "'\nfsync = off\nwal_level = replica\nmax_wal_senders = 5\n" + extraConf + "\n");
        pg.start();
        return pg;
    }

    /** pg_basebackup from {@code source} and start as its streaming standby. */
    static HostPostgres standbyOf(HostPostgres source) throws Exception {
        Path dir = tempDir();
        int port = freePort();
        run(source.bin.resolve("pg_basebackup").toString(), "-D", dir.resolve("data").toString(), "-h", "127.0.0.1",
                "-p", Integer.toString(source.port), "-U", "postgres", "-X", "stream", "-R", "--no-sync");
        HostPostgres pg = new HostPostgres(dir, port, source.bin);
        pg.appendConf("port = " + port + "\nunix_socket_directories = '" + dir + "'\n");
        pg.start();
        return pg;
    }

    PgEndpoint endpoint() {
        return new PgEndpoint("127.0.0.1", port, "postgres", "postgres", null, "disable");
    }

    void appendConf(String text) throws IOException {
        Path conf = dir.resolve("data/postgresql.conf");
        Files.writeString(conf, Files.readString(conf) + "\n" + text);
    }

    void start() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                dir.resolve("log").toString(), "-w", "-t", "60", "start");
    }

    void stopImmediate() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    void promote() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "promote");
    }

    void reload() throws Exception {
        run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "reload");
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                run(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate",
                        "-w", "stop");
            }
        } finally {
            run("rm", "-rf", dir.toString());
        }
    }

    private static Path tempDir() throws Exception {
        Path dir = Files.createTempDirectory("tusk-faults-pg");
        if (isRoot()) {
            run("chown", "postgres:postgres", dir.toString());
        }
        return dir;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        return LocalPostgres.freePort();
    }

    static void run(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        if (isRoot() && !command[0].equals("rm") && !command[0].equals("chown")) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
