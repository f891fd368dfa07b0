package dev.tusk.runtime.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.postgres.LocalPostgres;
import dev.tusk.runtime.render.ClusterCredentials;
import dev.tusk.runtime.render.ClusterRenderer;
import dev.tusk.runtime.render.RenderedObject;
import dev.tusk.testbed.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A 3-instance Tusk cluster in pods on the testbed, rendered by Tusk's renderer and applied with server-side apply as
 * the app does; the agents run from the agent image with the rendered least-privilege Role.
 */
final class PodCluster {

    static final String CLUSTER = "hippo";
    static final String SUPERUSER_PASSWORD = "pod-superuser-password-000000000000001";
    static final String TOKEN = "agent-api-token-for-pod-tests-0000000001";
    private static final ObjectMapper JSON = new ObjectMapper();

    final TestNamespace ns;
    final ClusterSpec spec;
    final ClusterNames names = new ClusterNames(CLUSTER);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    PodCluster(TestNamespace ns, ClusterSpec.ReplicationMode mode) {
        this.ns = ns;
        ClusterSpec s = ClusterSpec.minimal(CLUSTER, ns.name());
        this.spec = s.withInstanceSets(List.of(s.instanceSets().getFirst().withReplicas(3)))
                .withReplication(new ClusterSpec.ReplicationSpec(mode, null))
                .withUsers(List.of(new ClusterSpec.UserSpec("app", List.of("appdb"), List.of())))
                .withPostgres(new ClusterSpec.PostgresSpec(17, image(), null))
                .withDefaults();
    }

    /**
     * The agent image: TUSK_AGENT_IMAGE when set (an engineer's own build, tagged so that a shared testbed's default
     * tag can be rebuilt by others meanwhile), else Tusk's default.
     */
    static String image() {
        String env = System.getenv("TUSK_AGENT_IMAGE");
        return env == null || env.isBlank() ? ClusterSpec.PostgresSpec.DEFAULT_IMAGE : env;
    }

    void deploy() throws Exception {
        var tls = LocalPostgres.tls();
        ClusterCredentials credentials = new ClusterCredentials(SUPERUSER_PASSWORD,
                "pod-replication-password-0000000000000001", Map.of("app", "pod-app-password-00000000000000000001"),
                new ClusterCredentials.TlsMaterial(tls.caCertificate(), tls.certificate(), tls.privateKey()), TOKEN);
        for (RenderedObject o : ClusterRenderer.render(spec, credentials)) {
            var resource = ns.client().resource(o.object()).inNamespace(ns.name());
            if (o.policy() == RenderedObject.Policy.CREATE_ONLY) {
                resource.create();
            } else {
                resource.fieldManager("tusk").forceConflicts().serverSideApply();
            }
        }
    }

    List<Pod> pods() {
        return ns.client().pods().inNamespace(ns.name()).withLabel(Labels.CLUSTER, CLUSTER).list().getItems();
    }

    Map<String, String> podIps() {
        Map<String, String> ips = new LinkedHashMap<>();
        for (Pod p : pods()) {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
                ips.put(p.getMetadata().getName(), p.getStatus().getPodIP());
            }
        }
        return ips;
    }

    String leaseHolder() {
        Lease l = ns.client().leases().inNamespace(ns.name()).withName(names.lease()).get();
        return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
    }

    List<String> primarySliceAddresses() {
        var slice = ns.client().discovery().v1().endpointSlices().inNamespace(ns.name())
                .withName(names.primaryEndpointSlice()).get();
        return slice == null || slice.getEndpoints() == null ? List.of()
                : slice.getEndpoints().stream().flatMap(e -> e.getAddresses().stream()).toList();
    }

    String roleLabel(String pod) {
        Pod p = ns.client().pods().inNamespace(ns.name()).withName(pod).get();
        return p == null ? null : p.getMetadata().getLabels().get(Labels.ROLE);
    }

    int status(String ip, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8008" + path))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    JsonNode json(String ip, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8008" + path))
                .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** The pod whose agent answers 200 on /primary; asks every pod directly. */
    String primary() {
        String found = null;
        for (var e : podIps().entrySet()) {
            if (status(e.getValue(), "/primary") == 200) {
                found = e.getKey();
            }
        }
        return found;
    }

    boolean healthy() {
        Map<String, String> ips = podIps();
        if (ips.size() != 3) {
            return false;
        }
        long primaries = ips.values().stream().filter(ip -> status(ip, "/primary") == 200).count();
        long replicas = ips.values().stream().filter(ip -> status(ip, "/replica") == 200).count();
        return primaries == 1 && replicas == 2;
    }

    /** Superuser over TLS straight to a pod (never a Service). */
    Connection connect(String ip, Duration timeout) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", SUPERUSER_PASSWORD);
        p.setProperty("sslmode", "require");
        p.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        p.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
        return DriverManager.getConnection("jdbc:postgresql://" + ip + ":5432/postgres", p);
    }
}
