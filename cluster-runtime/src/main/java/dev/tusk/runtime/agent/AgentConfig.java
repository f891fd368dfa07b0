package dev.tusk.runtime.agent;

import dev.tusk.runtime.render.DatabasePod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The agent's own configuration, from its environment: the pod's identity (downward API) and, for agents running as
 * host processes in tests, a few overrides. The cluster's spec comes from the ConfigMap, not from here.
 *
 * <table>
 *   <caption>Environment</caption>
 *   <tr><td>POD_NAME, POD_NAMESPACE, POD_IP, TUSK_CLUSTER</td><td>required (downward API / renderer)</td></tr>
 *   <tr><td>PGDATA</td><td>data directory; default /pgdata/pg17</td></tr>
 *   <tr><td>TUSK_PG_BIN</td><td>Postgres binaries; default: the directory of {@code postgres} on PATH, else the newest
 *   /usr/lib/postgresql/N/bin</td></tr>
 *   <tr><td>TUSK_PG_PORT, TUSK_API_PORT</td><td>5432, 8008</td></tr>
 *   <tr><td>TUSK_HOME</td><td>where TLS files, the password file and temporary directories go; default PGDATA's
 *   parent</td></tr>
 *   <tr><td>TUSK_SOCKET_DIR</td><td>unix_socket_directories; default /var/run/postgresql</td></tr>
 *   <tr><td>TUSK_LISTEN</td><td>listen_addresses; default *</td></tr>
 *   <tr><td>TUSK_RUN_AS</td><td>the OS user Postgres runs as when the agent runs as root (host tests)</td></tr>
 *   <tr><td>TUSK_MEMBERS</td><td>host processes: {@code name=host:pgPort:apiPort,…} instead of pod discovery</td></tr>
 *   <tr><td>TUSK_PG_LOG</td><td>a file for Postgres's output instead of stderr</td></tr>
 * </table>
 */
public record AgentConfig(String pod, String namespace, String podIp, String cluster, Path pgdata, Path pgBin,
                          int pgPort, int apiPort, Path home, Path socketDir, String listenAddresses, String runAs,
                          String staticMembers, Path pgLog) {

    /** Reads and checks the environment; the exception's message names every missing or bad variable. */
    public static AgentConfig fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        String pod = required(env, DatabasePod.ENV_POD_NAME, problems);
        String namespace = required(env, DatabasePod.ENV_POD_NAMESPACE, problems);
        String podIp = required(env, DatabasePod.ENV_POD_IP, problems);
        String cluster = required(env, DatabasePod.ENV_CLUSTER, problems);
        Path pgdata = Path.of(env.getOrDefault(DatabasePod.ENV_PGDATA, DatabasePod.dataDirectory(17)));
        int pgPort = port(env, "TUSK_PG_PORT", DatabasePod.POSTGRES_PORT, problems);
        int apiPort = port(env, "TUSK_API_PORT", DatabasePod.AGENT_PORT, problems);
        Path bin = env.containsKey("TUSK_PG_BIN") ? Path.of(env.get("TUSK_PG_BIN")) : findBinaries(env.get("PATH"));
        if (bin == null || !Files.isExecutable(bin.resolve("postgres"))) {
            problems.add("TUSK_PG_BIN: no PostgreSQL binaries found (" + (bin == null ? "none on PATH or under"
                    + " /usr/lib/postgresql" : bin + "/postgres is not executable")
                    + "); set TUSK_PG_BIN to the directory holding postgres, initdb and pg_ctl");
        }
        Path home = Path.of(env.getOrDefault("TUSK_HOME", pgdata.getParent() == null ? "/pgdata"
                : pgdata.getParent().toString()));
        Path socketDir = Path.of(env.getOrDefault("TUSK_SOCKET_DIR", DatabasePod.SOCKET_DIRECTORY));
        String runAs = env.get("TUSK_RUN_AS");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("the agent's environment is incomplete: " + String.join("; ", problems));
        }
        return new AgentConfig(pod, namespace, podIp, cluster, pgdata, bin, pgPort, apiPort, home, socketDir,
                env.getOrDefault("TUSK_LISTEN", "*"), runAs == null || runAs.isBlank() ? null : runAs,
                env.get("TUSK_MEMBERS"), env.containsKey("TUSK_PG_LOG") ? Path.of(env.get("TUSK_PG_LOG")) : null);
    }

    public Path tlsDir() {
        return home.resolve("tls");
    }

    public boolean hostProcess() {
        return staticMembers != null && !staticMembers.isBlank();
    }

    private static String required(Map<String, String> env, String name, List<String> problems) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            problems.add(name + " is not set (the pod template passes it" + (name.startsWith("POD_")
                    ? " from the downward API" : "") + ")");
            return null;
        }
        return v.trim();
    }

    private static int port(Map<String, String> env, String name, int fallback, List<String> problems) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(v.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            problems.add(name + " = '" + v + "' is not a port number (1-65535)");
            return fallback;
        }
    }

    static Path findBinaries(String path) {
        if (path != null) {
            for (String dir : path.split(":")) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "postgres"))) {
                    return Path.of(dir);
                }
            }
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.filter(p -> Files.isExecutable(p.resolve("bin/postgres")))
                    .max(Comparator.comparingInt(p -> {
                        try {
                            return Integer.parseInt(p.getFileName().toString());
                        } catch (NumberFormatException e) {
                            return 0;
                        }
                    }))
                    .map(p -> p.resolve("bin")).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
