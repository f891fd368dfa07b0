package dev.tusk.runtime.faults;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A 3-member Patroni cluster deployed from {@code testbed/images/patroni/patroni-cluster.yaml}: Debian trixie's
 * Patroni on the Kubernetes DCS in Endpoints mode, as Crunchy PGO runs it.
 */
public final class PatroniCluster implements HaCluster {

    public static final String IMAGE = "docker.io/tusk/patroni:4.0-pg17";
    static final String SCOPE = "patroni-bench";

    /** Patroni timings. */
    public record Profile(String name, int ttl, int loopWait, int retryTimeout) {
        /** Patroni's defaults (and PGO's): ttl 30, loop_wait 10, retry_timeout 10. */
        public static final Profile DEFAULT = new Profile("default", 30, 10, 10);
        /**
         * The fastest Patroni accepts: ttl at its minimum 20; loop_wait 1 (its minimum); retry_timeout 5, so that
         * loop_wait + 2 × retry_timeout = 11 ≤ ttl keeps Patroni's own invariant with room for slow API calls.
         */
        public static final Profile TUNED = new Profile("tuned", 20, 1, 5);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Profile profile;
    private final boolean requiredSync;
    private final String superuserPassword = randomPassword();
    private final String replicationPassword = randomPassword();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public PatroniCluster(KubernetesClient client, String namespace, Profile profile, boolean requiredSync) {
        this.client = client;
        this.namespace = namespace;
        this.profile = profile;
        this.requiredSync = requiredSync;
    }

    @Override
    public String label() {
        return "patroni-" + profile.name();
    }

    @Override
    public String describe() {
        return String.format("Patroni (trixie package) %s timings: ttl %d s, loop_wait %d s, retry_timeout %d s; %s",
                profile.name(), profile.ttl(), profile.loopWait(), profile.retryTimeout(),
                requiredSync ? "synchronous_mode + synchronous_mode_strict" : "asynchronous");
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public String namespace() {
        return namespace;
    }

    @Override
    public String databaseContainer() {
        return "database";
    }

    @Override
    public int expectedMembers() {
        return 3;
    }

    @Override
    public boolean requiredSync() {
        return requiredSync;
    }

    String manifest() throws Exception {
        String yaml = Files.readString(RepoFiles.resolve("testbed/images/patroni/patroni-cluster.yaml"));
        Map<String, String> values = Map.of(
                "NAMESPACE", namespace, "SCOPE", SCOPE, "IMAGE", IMAGE,
                "TTL", Integer.toString(profile.ttl()), "LOOP_WAIT", Integer.toString(profile.loopWait()),
                "RETRY_TIMEOUT", Integer.toString(profile.retryTimeout()),
                "SYNCHRONOUS_MODE", Boolean.toString(requiredSync),
                "SYNCHRONOUS_MODE_STRICT", Boolean.toString(requiredSync),
                "SUPERUSER_PASSWORD", superuserPassword, "REPLICATION_PASSWORD", replicationPassword);
        for (Map.Entry<String, String> e : values.entrySet()) {
            yaml = yaml.replace("${" + e.getKey() + "}", e.getValue());
        }
        return yaml;
    }

    @Override
    public void deploy() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("tusk.dev/purpose", "bench").endMetadata().build()).serverSideApply();
        List<HasMetadata> objects = client.load(new ByteArrayInputStream(manifest().getBytes(StandardCharsets.UTF_8)))
                .items();
        for (HasMetadata o : objects) {
            client.resource(o).inNamespace(namespace).fieldManager("tusk-bench").forceConflicts().serverSideApply();
        }
        ClusterState.awaitHealthy(this, Duration.ofMinutes(6));
    }

    @Override
    public String unsettled(String primary) {
        var leader = client.endpoints().inNamespace(namespace).withName(SCOPE).get();
        String holder = leader == null || leader.getMetadata().getAnnotations() == null ? null
                : leader.getMetadata().getAnnotations().get("leader");
        if (!primary.equals(holder)) {
            return "Patroni's leader key names " + holder;
        }
        if (requiredSync) {
            var sync = client.endpoints().inNamespace(namespace).withName(SCOPE + "-sync").get();
            String standby = sync == null || sync.getMetadata().getAnnotations() == null ? null
                    : sync.getMetadata().getAnnotations().get("sync_standby");
            if (standby == null || standby.isBlank()) {
                return "Patroni has not published a synchronous standby in " + SCOPE + "-sync yet";
            }
        }
        return null;
    }

    @Override
    public List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel("cluster-name", SCOPE).list().getItems();
    }

    @Override
    public PgEndpoint direct(String podIp) {
        return new PgEndpoint(podIp, 5432, "postgres", "postgres", superuserPassword, "prefer");
    }

    @Override
    public PgEndpoint primaryRoute() {
        String ip = client.services().inNamespace(namespace).withName(SCOPE).get().getSpec().getClusterIP();
        return direct(ip);
    }

    @Override
    public List<HostProcess> agentProcesses(List<HostProcess> procs) {
        return procs.stream().filter(p -> p.cmdline().contains("/usr/bin/patroni")).toList();
    }

    @Override
    public HostProcess agentMainProcess(List<HostProcess> procs) {
        return agentProcesses(procs).stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no patroni process among " + procs.size()));
    }

    @Override
    public void switchover(String primaryPod) throws Exception {
        Pod pod = client.pods().inNamespace(namespace).withName(primaryPod).get();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://" + pod.getStatus().getPodIP() + ":8008/switchover"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\":\"" + primaryPod + "\"}"))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (resp.statusCode() != 200) {
            throw new IllegalStateException("Patroni refused the switchover from " + primaryPod + ": HTTP "
                    + resp.statusCode() + " " + resp.body());
        }
    }

    @Override
    public void close() {
        client.namespaces().withName(namespace).delete();
    }

    static String randomPassword() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
