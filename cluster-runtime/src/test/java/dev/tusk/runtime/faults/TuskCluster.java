package dev.tusk.runtime.faults;

import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A 3-instance Tusk cluster, created from a {@link ClusterSpec} by the renderer and applied with server-side apply,
 * as the app does. Everything else follows the documented contracts (architecture.md, ha-agent.md): pods labelled
 * {@code tusk.dev/cluster}, container {@code database}, Service {@code <cluster>-primary}, Secret
 * {@code <cluster>-superuser}, the agent's {@code POST /switchover} with the bearer token of
 * {@code <cluster>-agent-api}, processes agent JVM ({@code tusk-agent.jar}) and fence keeper.
 */
public final class TuskCluster implements HaCluster {

    static final String CLUSTER = "hippo";

    private final KubernetesClient client;
    private final String namespace;
    private final boolean requiredSync;
    private final ClusterSpec spec;
    private final ClusterNames names;
    private final Function<ClusterSpec, List<HasMetadata>> renderer;
    private volatile String superuserPassword;

    /**
     * @param spec     the cluster to create (3 instances; its replication mode decides {@link #requiredSync})
     * @param renderer ClusterSpec → every Kubernetes object of the cluster (Tusk's renderer)
     */
    public TuskCluster(KubernetesClient client, ClusterSpec spec, boolean requiredSync,
                       Function<ClusterSpec, List<HasMetadata>> renderer) {
        this.client = client;
        this.namespace = spec.namespace();
        this.requiredSync = requiredSync;
        this.spec = spec;
        this.names = ClusterNames.of(spec);
        this.renderer = renderer;
    }

    @Override
    public String label() {
        return "tusk";
    }

    @Override
    public String describe() {
        ClusterSpec.HaSpec ha = spec.ha();
        return String.format("Tusk agent, lease %d ms, renew deadline %d ms, retry period %d ms; %s",
                ha.leaseDurationMillis(), ha.renewDeadlineMillis(), ha.retryPeriodMillis(),
                requiredSync ? "required-sync" : "async");
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
        return spec.totalInstances();
    }

    @Override
    public boolean requiredSync() {
        return requiredSync;
    }

    @Override
    public void deploy() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                .addToLabels("tusk.dev/purpose", "bench").endMetadata().build()).serverSideApply();
        for (HasMetadata o : renderer.apply(spec)) {
            client.resource(o).inNamespace(namespace).fieldManager("tusk").forceConflicts().serverSideApply();
        }
        ClusterState.awaitHealthy(this, Duration.ofMinutes(6));
    }

    @Override
    public String unsettled(String primary) {
        var lease = client.leases().inNamespace(namespace).withName(names.lease()).get();
        String holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
        if (!primary.equals(holder)) {
            return "lease " + names.lease() + " is held by " + holder;
        }
        if (requiredSync) {
            var annotations = lease.getMetadata().getAnnotations();
            String published = annotations == null ? null : annotations.get("tusk.dev/sync-standbys");
            if (published == null || published.isBlank() || published.replace(" ", "").equals("[]")) {
                return "no synchronous standby is published in the lease yet";
            }
        }
        return null;
    }

    @Override
    public List<Pod> pods() {
        return client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, names.cluster()).list().getItems();
    }

    @Override
    public PgEndpoint direct(String podIp) {
        // Tusk's pg_hba takes remote connections over TLS only (hostssl, scram-sha-256)
        return new PgEndpoint(podIp, 5432, "postgres", "postgres", superuserPassword(), "require");
    }

    private String superuserPassword() {
        if (superuserPassword == null) {
            Secret s = client.secrets().inNamespace(namespace).withName(names.superuserSecret()).get();
            if (s == null) {
                throw new IllegalStateException("Secret " + names.superuserSecret() + " is missing in " + namespace);
            }
            superuserPassword = secretValue(s, "password");
        }
        return superuserPassword;
    }

    @Override
    public PgEndpoint primaryRoute() {
        return direct(client.services().inNamespace(namespace).withName(names.primaryService()).get()
                .getSpec().getClusterIP());
    }

    @Override
    public List<HostProcess> agentProcesses(List<HostProcess> procs) {
        return procs.stream().filter(p -> p.comm().equals("java") && p.cmdline().contains("tusk-agent.jar")).toList();
    }

    @Override
    public HostProcess agentMainProcess(List<HostProcess> procs) {
        return agentProcesses(procs).stream().filter(p -> !p.cmdline().contains("FenceKeeper")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Tusk agent JVM among " + procs.size() + " processes"));
    }

    @Override
    public void switchover(String primaryPod) throws Exception {
        Pod pod = client.pods().inNamespace(namespace).withName(primaryPod).get();
        String token = secretValue(client.secrets().inNamespace(namespace).withName(names.agentApiSecret()).get(),
                "token");
        String body = "{}";
        IllegalStateException refused = null;
        for (String scheme : List.of("https", "http")) {
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(scheme + "://" + pod.getStatus().getPodIP()
                                + ":8008/switchover"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<String> resp = httpClient().send(req, HttpResponse.BodyHandlers.ofString());
                if (resp.statusCode() / 100 == 2) {
                    return;
                }
                refused = new IllegalStateException("the Tusk agent on " + primaryPod + " refused the switchover: HTTP "
                        + resp.statusCode() + " " + resp.body());
                if (resp.statusCode() != 400) {
                    throw refused;
                }
            } catch (java.io.IOException e) {
                refused = new IllegalStateException("cannot reach the Tusk agent on " + primaryPod + " over "
                        + scheme + ": " + e.getMessage(), e);
            }
        }
        throw refused;
    }

    @Override
    public void close() {
        client.namespaces().withName(namespace).delete();
    }

    private static String secretValue(Secret s, String key) {
        if (s.getData() != null && s.getData().containsKey(key)) {
            return new String(Base64.getDecoder().decode(s.getData().get(key)), StandardCharsets.UTF_8);
        }
        if (s.getStringData() != null && s.getStringData().containsKey(key)) {
            return s.getStringData().get(key);
        }
        throw new IllegalStateException("Secret " + s.getMetadata().getName() + " has no key " + key);
    }

    /**
     * An HTTP client that accepts the agent's certificate without checking it: the harness talks to pods of its
     * own throw-away cluster on the testbed (test code only; the app verifies against the cluster's CA).
     */
    private static HttpClient httpClient() throws Exception {
        TrustManager[] trustAll = {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustAll, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
    }
}
