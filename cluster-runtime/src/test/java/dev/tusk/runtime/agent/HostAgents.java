package dev.tusk.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.postgres.LocalPostgres;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Three Tusk agents as host processes (each its own JVM, real PostgreSQL from the host, distinct ports and data
 * directories) against the testbed's API server: the ConfigMap, Secrets, Lease and primary EndpointSlice come from
 * Tusk's renderer, as the app applies them; the pods are replaced by processes with a static member list.
 */
final class HostAgents implements AutoCloseable {

    static final String CLUSTER = "hippo";
    static final String TOKEN = "agent-api-token-for-host-tests-000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Member(String name, int pgPort, int apiPort, Path home) {
    }

    final TestNamespace ns;
    final Path base;
    final List<Member> members = new ArrayList<>();
    final Map<String, Process> processes = new LinkedHashMap<>();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    ClusterSpec spec;
    ClusterCredentials credentials;

    HostAgents(TestNamespace ns, ClusterSpec.ReplicationMode mode) throws Exception {
        this(ns, mode, 3);
    }

    HostAgents(TestNamespace ns, ClusterSpec.ReplicationMode mode, int instances) throws Exception {
        this.ns = ns;
        this.base = LocalPostgres.baseDirectory("tusk-agents");
        spec = ClusterSpec.minimal(CLUSTER, ns.name());
        spec = spec.withInstanceSets(List.of(spec.instanceSets().getFirst().withReplicas(instances)))
                .withReplication(new ClusterSpec.ReplicationSpec(mode, null))
                .withUsers(List.of(new ClusterSpec.UserSpec("app", List.of("appdb"), List.of())))
                .withDefaults();
        var tls = LocalPostgres.tls();
        credentials = new ClusterCredentials(LocalPostgres.SUPERUSER_PASSWORD,
                LocalPostgres.REPLICATION_PASSWORD, Map.of("app", "app-password-for-host-tests-0000000001"),
                new ClusterCredentials.TlsMaterial(tls.caCertificate(), tls.certificate(), tls.privateKey()), TOKEN);
        for (RenderedObject o : ClusterRenderer.render(spec, credentials)) {
            HasMetadata object = o.object();
            if (object instanceof Secret || object instanceof ConfigMap || object instanceof Lease
                    || object instanceof EndpointSlice) {
                ns.client().resource(object).inNamespace(ns.name()).create();
            }
        }
        for (String pod : new ClusterNames(CLUSTER).pods(spec)) {
            Path home = base.resolve(pod);
            members.add(new Member(pod, LocalPostgres.freePort(), LocalPostgres.freePort(), home));
        }
    }

    /**
     * Applies a changed spec as the app does for these host processes: the renderer's Secrets (a new user's with its
     * password from {@code newPasswords}) and the ConfigMap, created or updated.
     */
    void applySpec(ClusterSpec next, Map<String, String> newPasswords) {
        Map<String, String> passwords = new LinkedHashMap<>(credentials.userPasswords());
        passwords.putAll(newPasswords);
        credentials = new ClusterCredentials(credentials.superuserPassword(), credentials.replicationPassword(),
                passwords, credentials.tls(), credentials.agentApiToken());
        spec = next.withDefaults();
        for (RenderedObject o : ClusterRenderer.render(spec, credentials)) {
            HasMetadata object = o.object();
            if (object instanceof Secret || object instanceof ConfigMap) {
                ns.client().resource(object).inNamespace(ns.name()).createOr(
                        io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
            }
        }
    }

    /** A Secret's value as an application would read it. */
    String secretValue(String secret, String key) {
        Secret s = ns.client().secrets().inNamespace(ns.name()).withName(secret).get();
        return new String(java.util.Base64.getDecoder().decode(s.getData().get(key)),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    String staticMembers() {
        return String.join(",", members.stream().map(m -> m.name() + "=127.0.0.1:" + m.pgPort() + ":" + m.apiPort())
                .toList());
    }

    Member member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /** Starts (or restarts) the agent of {@code name} as its own JVM; its output goes to home/agent.log. */
    void start(String name) throws IOException {
        Member m = member(name);
        Files.createDirectories(m.home());
        Files.setPosixFilePermissions(m.home(), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        LocalPostgres.osUser().own(m.home());
        ProcessBuilder pb = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
        Map<String, String> env = pb.environment();
        env.put("POD_NAME", name);
        env.put("POD_NAMESPACE", ns.name());
        env.put("POD_IP", "198.18.0.1");
        env.put("TUSK_CLUSTER", CLUSTER);
        env.put("PGDATA", m.home().resolve("pgdata").toString());
        env.put("TUSK_PG_BIN", LocalPostgres.bin().toString());
        env.put("TUSK_PG_PORT", Integer.toString(m.pgPort()));
        env.put("TUSK_API_PORT", Integer.toString(m.apiPort()));
        env.put("TUSK_HOME", m.home().toString());
        env.put("TUSK_SOCKET_DIR", m.home().resolve("run").toString());
        env.put("TUSK_LISTEN", "127.0.0.1");
        env.put("TUSK_MEMBERS", staticMembers());
        env.put("TUSK_PG_LOG", m.home().resolve("postgres.log").toString());
        if (LocalPostgres.runningAsRoot()) {
            env.put("TUSK_RUN_AS", "postgres");
        }
        ns.testbed().kubeconfig().ifPresent(k -> env.put("KUBECONFIG", k.toString()));
        File log = m.home().resolve("agent.log").toFile();
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        processes.put(name, pb.start());
    }

    void startAll() throws IOException {
        for (Member m : members) {
            start(m.name());
        }
    }

    /** kill -9 of an agent JVM (its keeper then stops Postgres: the pipe closes). */
    void killAgent(String name) throws Exception {
        Process p = processes.get(name);
        new ProcessBuilder("kill", "-9", Long.toString(p.pid())).start().waitFor();
        p.waitFor();
    }

    /** kill -9 of a member's postmaster. */
    long killPostmaster(String name) throws Exception {
        Path pidFile = member(name).home().resolve("pgdata/postmaster.pid");
        long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        return pid;
    }

    record Answer(int status, JsonNode body) {
    }

    Answer get(String name, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + member(name).apiPort() + path)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body().isBlank() ? null : JSON.readTree(r.body()));
        } catch (Exception e) {
            return new Answer(-1, null);
        }
    }

    Answer post(String name, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + member(name).apiPort() + path))
                .timeout(Duration.ofSeconds(100)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isBlank() ? null : JSON.readTree(r.body()));
    }

    /** The member whose agent answers 200 on /primary, or null. */
    String primary() {
        String found = null;
        for (Member m : members) {
            if (get(m.name(), "/primary").status() == 200) {
                if (found != null) {
                    throw new AssertionError("two members answer /primary: " + found + " and " + m.name());
                }
                found = m.name();
            }
        }
        return found;
    }

    List<String> replicas() {
        return members.stream().map(Member::name).filter(n -> get(n, "/replica").status() == 200).toList();
    }

    String leaseHolder() {
        Lease l = ns.client().leases().inNamespace(ns.name()).withName(CLUSTER + "-leader").get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    Connection connect(String name, Duration timeout) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", LocalPostgres.SUPERUSER_PASSWORD);
        p.setProperty("sslmode", "disable");
        p.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + member(name).pgPort() + "/postgres", p);
    }

    void setConfigMapAnnotation(String key, String value) {
        ns.client().configMaps().inNamespace(ns.name()).withName(CLUSTER + "-config").edit(cm -> {
            var a = cm.getMetadata().getAnnotations() == null ? new java.util.HashMap<String, String>()
                    : new java.util.HashMap<>(cm.getMetadata().getAnnotations());
            if (value == null) {
                a.remove(key);
            } else {
                a.put(key, value);
            }
            cm.getMetadata().setAnnotations(a);
            return cm;
        });
    }

    String log(String name) {
        try {
            return Files.readString(member(name).home().resolve("agent.log"));
        } catch (IOException e) {
            return "";
        }
    }

    static void await(Duration timeout, String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroy();
        }
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LocalPostgres.delete(base);
    }
}
