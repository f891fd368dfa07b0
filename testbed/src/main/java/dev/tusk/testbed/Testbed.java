package dev.tusk.testbed;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes cluster end-to-end tests run on, one per JVM. Which cluster, first match wins:
 * <ol>
 *   <li>{@code TUSK_TESTBED=k3s}: K3s in a container through Testcontainers (needs a Docker engine);</li>
 *   <li>{@code TUSK_TEST_KUBECONFIG}: that kubeconfig, which must reach its cluster;</li>
 *   <li>{@code KUBECONFIG} (first file) when its cluster answers;</li>
 *   <li>otherwise the local testbed: runs {@code <repo>/testbed/up} (repository root from the system property
 *       {@code tusk.repo.root}) and uses the kubeconfig it prints.</li>
 * </ol>
 * On the local testbed (the API at {@value #TESTBED_API}, this machine's containerd socket present) the
 * {@link #node()} helpers reach the node's processes for fault injection; elsewhere they abort the test.
 */
public final class Testbed {

    /** The API server address of the local testbed (testbed/lib.sh: NODE_IP). */
    public static final String TESTBED_API = "https://198.18.0.1:6443";
    /** The local testbed's containerd socket (testbed/lib.sh: CONTAINERD_SOCK). */
    public static final Path TESTBED_CONTAINERD_SOCKET = Path.of("/run/tusk-testbed/containerd/containerd.sock");
    /** The image every Postgres pod runs, built and imported by testbed/up (testbed/lib.sh: AGENT_IMAGE). */
    public static final String AGENT_IMAGE = "docker.io/tusk/agent:0.1.0-pg17";
    /** Label on every namespace the tests create, so that leftovers can be found. */
    public static final String E2E_LABEL = "tusk.dev/e2e";

    private static final Logger LOG = LoggerFactory.getLogger(Testbed.class);
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(45);
    private static volatile Testbed shared;

    /** Where the cluster came from. */
    public enum Source { LOCAL_TESTBED, KUBECONFIG, K3S }

    private final Source source;
    private final Optional<Path> kubeconfig;
    private final KubernetesClient client;
    private final String serverVersion;
    private final AutoCloseable cleanup;

    private Testbed(Source source, Optional<Path> kubeconfig, KubernetesClient client, AutoCloseable cleanup) {
        this.source = source;
        this.kubeconfig = kubeconfig;
        this.client = client;
        this.cleanup = cleanup;
        this.serverVersion = client.getKubernetesVersion().getGitVersion();
    }

    /** The cluster of this JVM, connected on first use (which may bring the local testbed up). */
    public static Testbed shared() {
        Testbed t = shared;
        if (t == null) {
            synchronized (Testbed.class) {
                t = shared;
                if (t == null) {
                    t = connect();
                    shared = t;
                    Runtime.getRuntime().addShutdownHook(new Thread(shared::closeQuietly, "testbed-close"));
                }
            }
        }
        return t;
    }

    private static Testbed connect() {
        String kind = System.getenv().getOrDefault("TUSK_TESTBED", "").trim().toLowerCase(Locale.ROOT);
        if (kind.equals("k3s")) {
            return K3sCluster.start((kubeconfigYaml, stop) ->
                    new Testbed(Source.K3S, Optional.empty(), clientFor(Config.fromKubeconfig(kubeconfigYaml)), stop));
        }
        String explicit = System.getenv("TUSK_TEST_KUBECONFIG");
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            return reachable(path).orElseThrow(() -> new IllegalStateException(
                    "TUSK_TEST_KUBECONFIG=" + explicit + " names a kubeconfig whose cluster does not answer."
                            + " Start that cluster, or unset TUSK_TEST_KUBECONFIG to use the local testbed."));
        }
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            Path first = Path.of(env.split(java.io.File.pathSeparator)[0]);
            Optional<Testbed> fromEnv = reachable(first);
            if (fromEnv.isPresent()) {
                return fromEnv.get();
            }
            LOG.warn("KUBECONFIG={} does not reach a cluster; bringing up the local testbed instead", first);
        }
        return reachable(bringUpLocalTestbed()).orElseThrow(() -> new IllegalStateException(
                "testbed/up finished but its cluster does not answer; see testbed/status and /var/lib/tusk-testbed/log"));
    }

    private static Optional<Testbed> reachable(Path kubeconfigFile) {
        if (!Files.isReadable(kubeconfigFile)) {
            return Optional.empty();
        }
        try {
            // from the file, so that paths in it resolve relative to it
            Config config = Config.fromKubeconfig(null, kubeconfigFile.toFile());
            config.setConnectionTimeout(5_000);
            config.setRequestTimeout(10_000);
            KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build();
            try (probe) {
                probe.getKubernetesVersion();
            }
            Config full = Config.fromKubeconfig(null, kubeconfigFile.toFile());
            boolean local = full.getMasterUrl().startsWith(TESTBED_API) && Files.exists(TESTBED_CONTAINERD_SOCKET);
            return Optional.of(new Testbed(local ? Source.LOCAL_TESTBED : Source.KUBECONFIG,
                    Optional.of(kubeconfigFile), clientFor(full), () -> { }));
        } catch (RuntimeException e) {
            LOG.info("kubeconfig {} does not reach its cluster: {}", kubeconfigFile, e.toString());
            return Optional.empty();
        }
    }

    private static KubernetesClient clientFor(Config config) {
        config.setConnectionTimeout(10_000);
        config.setRequestTimeout(30_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Runs testbed/up (idempotent, serialised by its lock) and returns the kubeconfig path it prints last. */
    private static Path bringUpLocalTestbed() {
        Path repo = Path.of(System.getProperty("tusk.repo.root", ".")).toAbsolutePath().normalize();
        Path up = repo.resolve("testbed/up");
        if (!Files.isExecutable(up)) {
            throw new IllegalStateException("No cluster to test on: KUBECONFIG and TUSK_TEST_KUBECONFIG are unset or"
                    + " unreachable, and " + up + " is missing (system property tusk.repo.root=" + repo + ").");
        }
        LOG.info("bringing up the local testbed: {}", up);
        HostCommand.Result result = HostCommand.run(UP_TIMEOUT, List.of(up.toString()));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("testbed/up failed with exit code " + result.exitCode() + ":\n"
                    + result.stderrTail(40));
        }
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        String last = lines.isEmpty() ? "" : lines.getLast();
        if (!last.startsWith("KUBECONFIG=")) {
            throw new IllegalStateException("testbed/up did not end with KUBECONFIG=<path> but with '" + last + "'");
        }
        return Path.of(last.substring("KUBECONFIG=".length()).trim());
    }

    /** A new namespace labelled {@value #E2E_LABEL}; deleted by {@link TestNamespace#close()}. */
    public TestNamespace createNamespace(String purpose) {
        String base = "e2e-" + purpose.replaceAll("([a-z0-9])([A-Z])", "$1-$2").replaceAll("([A-Z])([A-Z][a-z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36, 36 * 36 * 36 * 36 * 36), 36);
        String name = (base.length() > 56 ? base.substring(0, 56) : base).replaceAll("-$", "") + "-" + suffix;
        client.namespaces().resource(new NamespaceBuilder()
                .withNewMetadata().withName(name).addToLabels(E2E_LABEL, "true")
                .addToAnnotations("tusk.dev/e2e-purpose", purpose).endMetadata()
                .build()).create();
        LOG.info("created namespace {} for {}", name, purpose);
        return new TestNamespace(this, name);
    }

    public KubernetesClient client() {
        return client;
    }

    public Source source() {
        return source;
    }

    /** The kubeconfig file, when the cluster came from one (not for K3s). */
    public Optional<Path> kubeconfig() {
        return kubeconfig;
    }

    /** The API server's gitVersion, e.g. {@code v1.34.10}. */
    public String serverVersion() {
        return serverVersion;
    }

    /** Whether the cluster is this machine's testbed, whose node processes the tests can reach. */
    public boolean isLocalTestbed() {
        return source == Source.LOCAL_TESTBED;
    }

    /** The node's processes (host PIDs, network namespaces, signals); aborts the test off the local testbed. */
    public TestbedNode node() {
        org.junit.jupiter.api.Assumptions.assumeTrue(isLocalTestbed(),
                "needs the local testbed (node processes are reachable only there); this cluster came from " + source);
        return new TestbedNode(client);
    }

    /** The command line of kubectl with this cluster's kubeconfig and {@code args}, for {@link HostCommand}. */
    public List<String> kubectl(String... args) {
        Path config = kubeconfig.orElseThrow(() -> new IllegalStateException("no kubeconfig file for " + source));
        List<String> command = new java.util.ArrayList<>(List.of(kubectlBinary(), "--kubeconfig", config.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static String kubectlBinary() {
        Path cached = Path.of("/var/cache/tusk-testbed/kubernetes-v1.34.10/bin/kubectl");
        return Files.isExecutable(cached) ? cached.toString() : "kubectl";
    }

    private void closeQuietly() {
        try {
            client.close();
            cleanup.close();
        } catch (Exception e) {
            LOG.debug("closing the testbed connection", e);
        }
    }
}
