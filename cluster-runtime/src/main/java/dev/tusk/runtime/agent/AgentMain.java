package dev.tusk.runtime.agent;

import dev.tusk.runtime.dcs.ApiErrors;
import dev.tusk.runtime.dcs.EventRecorder;
import dev.tusk.runtime.dcs.KubernetesLeaseStore;
import dev.tusk.runtime.dcs.KubernetesMembers;
import dev.tusk.runtime.dcs.MemberDirectory;
import dev.tusk.runtime.dcs.PodMetadata;
import dev.tusk.runtime.dcs.PrimaryEndpoints;
import dev.tusk.runtime.dcs.StaticMembers;
import dev.tusk.runtime.ha.HaSettings;
import dev.tusk.runtime.ha.HaTiming;
import dev.tusk.runtime.loop.HaLoop;
import dev.tusk.runtime.loop.PeerStatusClient;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import dev.tusk.runtime.model.ClusterSpecYaml;
import dev.tusk.runtime.model.InvalidSpecException;
import dev.tusk.runtime.model.Labels;
import dev.tusk.runtime.postgres.KeeperClient;
import dev.tusk.runtime.postgres.OsUser;
import dev.tusk.runtime.postgres.PostgresControl;
import dev.tusk.runtime.postgres.PostgresSettings;
import dev.tusk.runtime.postgres.RoleReconciler;
import dev.tusk.runtime.web.AgentApi;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent: reads its identity from the environment and the cluster's spec from the ConfigMap {@code <cluster>-config},
 * checks the HA timing (refusing to start on an unsafe combination, naming the field), reads its Secrets, then wires
 * the lease, the fence keeper, Postgres, the loop and the REST API. A SIGTERM stops Postgres and releases the lease so
 * a replica takes over at once.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "tusk-agent-logback.xml");
        }
        Logger log = LoggerFactory.getLogger(AgentMain.class);
        AgentConfig config;
        try {
            config = AgentConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        Agent agent;
        try {
            agent = Agent.start(config);
        } catch (HaTiming.InvalidTimingException | InvalidSpecException e) {
            log.error("refusing to start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
        Thread.currentThread().join();
    }

    /** A running agent; {@link #close()} is its clean shutdown. */
    public static final class Agent implements AutoCloseable {
        private static final Logger log = LoggerFactory.getLogger(Agent.class);

        private final KubernetesClient client;
        private final HaLoop loop;
        private final AgentApi api;
        private final MemberDirectory members;
        private final ScheduledExecutorService scheduler;
        private final List<Watch> watches = new ArrayList<>();

        private Agent(KubernetesClient client, HaLoop loop, AgentApi api, MemberDirectory members,
                      ScheduledExecutorService scheduler) {
            this.client = client;
            this.loop = loop;
            this.api = api;
            this.members = members;
            this.scheduler = scheduler;
        }

        public HaLoop loop() {
            return loop;
        }

        public AgentApi api() {
            return api;
        }

        public static Agent start(AgentConfig config) throws Exception {
            ClusterNames names = new ClusterNames(config.cluster());
            // a patient client for start-up reads; the HA client below times out by the spec's apiTimeout
            KubernetesClient startup = client(Duration.ofSeconds(5));
            ConfigMap configMap = waitFor(() -> startup.configMaps().inNamespace(config.namespace())
                    .withName(names.configMap()).get(), "ConfigMap " + names.configMap());
            String yaml = configMap.getData() == null ? null : configMap.getData().get(ClusterSpecYaml.CONFIG_MAP_KEY);
            ClusterSpec spec = ClusterSpecYaml.read(yaml).withDefaults();
            HaTiming timing = HaTiming.of(spec.ha());
            log.info("cluster {} in {}: lease {} ms, renew deadline {} ms, retry {} ms, API timeout {} ms, {}",
                    spec.name(), config.namespace(), timing.leaseDurationMillis(), timing.renewDeadlineMillis(),
                    timing.retryPeriodMillis(), timing.apiTimeoutMillis(), spec.replication().mode().yamlValue());

            String superuser = secretValue(startup, config.namespace(), names.superuserSecret(), "password");
            String replication = secretValue(startup, config.namespace(), names.replicationSecret(), "password");
            String tlsSecret = spec.tls().certificateSecret() != null ? spec.tls().certificateSecret() : names.tlsSecret();
            PostgresControl.TlsMaterial tls = new PostgresControl.TlsMaterial(
                    secretValue(startup, config.namespace(), tlsSecret, "ca.crt"),
                    secretValue(startup, config.namespace(), tlsSecret, "tls.crt"),
                    secretValue(startup, config.namespace(), tlsSecret, "tls.key"));
            String token = secretValue(startup, config.namespace(), names.agentApiSecret(), "token");
            Map<String, String> userPasswords = new HashMap<>();
            for (ClusterSpec.UserSpec user : spec.users()) {
                userPasswords.put(user.name(), secretValue(startup, config.namespace(), names.userSecret(user.name()),
                        "password"));
            }
            startup.close();

            KubernetesClient client = client(Duration.ofMillis(timing.apiTimeoutMillis()));
            List<String> memberNames;
            MemberDirectory members;
            AtomicBoolean paused = new AtomicBoolean(isPaused(configMap));
            HaLoop[] loopRef = new HaLoop[1];
            Runnable wake = () -> {
                if (loopRef[0] != null) {
                    loopRef[0].wake();
                }
            };
            if (config.hostProcess()) {
                StaticMembers fixed = StaticMembers.parse(config.staticMembers());
                members = fixed;
                memberNames = fixed.members().stream().map(m -> m.name()).toList();
            } else {
                memberNames = names.pods(spec);
                members = new KubernetesMembers(client, config.namespace(), spec.name(), memberNames,
                        config.pgPort(), config.apiPort(), () -> { });
            }
            if (!memberNames.contains(config.pod())) {
                throw new IllegalArgumentException("this pod, " + config.pod() + ", is not a member the spec names ("
                        + String.join(", ", memberNames) + "); refusing to take part");
            }
            AtomicReference<HaSettings> settings = new AtomicReference<>(
                    new HaSettings(spec.name(), timing, spec.replication().mode(),
                            spec.replication().maximumLagOnFailoverBytes(), memberNames));
            AtomicReference<List<ClusterSpec.UserSpec>> users =
                    new AtomicReference<>(spec.users());

            OsUser os = config.runAs() != null ? OsUser.as(config.runAs()) : OsUser.self();
            if (config.runAs() == null && "root".equals(System.getProperty("user.name"))) {
                throw new IllegalArgumentException("the agent runs as root and PostgreSQL refuses to: run it as the"
                        + " postgres user, or set TUSK_RUN_AS=postgres");
            }
            PostgresSettings pgSettings = new PostgresSettings(config.pgBin(), config.pgdata(), config.tlsDir(),
                    config.socketDir(), config.pgPort(), config.listenAddresses(), spec.postgres().parameters(),
                    config.pgLog(), "postgres", superuser, "replicator", replication);
            PostgresControl postgres = new PostgresControl(pgSettings, os, config.pod());
            List<String> postmaster = new ArrayList<>(os.postmasterPrefix());
            postmaster.addAll(List.of(pgSettings.program("postgres").toString(), "-D", config.pgdata().toString()));

            KubernetesLeaseStore lease = KubernetesLeaseStore.of(client, config.namespace(), names.lease(), timing);
            PrimaryEndpoints endpoints = new PrimaryEndpoints(client, config.namespace(), names.primaryEndpointSlice());
            PodMetadata pod = config.hostProcess() ? null : new PodMetadata(client, config.namespace(), config.pod());
            EventRecorder events = config.hostProcess() ? EventRecorder.none()
                    : new EventRecorder(client, config.namespace(), config.pod());
            PeerStatusClient peers = new PeerStatusClient(Duration.ofMillis(Math.min(timing.apiTimeoutMillis(), 700)));

            HaLoop loop = new HaLoop(new HaLoop.Parts(config.pod(), config.podIp(), settings::get, lease, postgres,
                    listener -> {
                        try {
                            return KeeperClient.launch(KeeperClient.currentJava(), pgSettings.program("pg_ctl"),
                                    config.pgdata(), postmaster, config.pgLog(), listener);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException("cannot start the fence keeper: " + e.getMessage(), e);
                        }
                    }, members, peers, endpoints, pod, events, paused::get, tls, spec.users(),
                    userPasswords::get));
            loopRef[0] = loop;
            AgentApi api = new AgentApi(loop, spec.name(), new InetSocketAddress(config.apiPort()), () -> token);
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("agent-refresh").factory());
            Agent agent = new Agent(client, loop, api, members, scheduler);
            // users added to the spec after bootstrap: the leader creates their roles and databases (passwords read
            // from their Secrets when needed, so a Secret the app created after this agent started is found)
            RoleReconciler roles = new RoleReconciler(postgres);
            SpecUsersReconciliation reconciliation = new SpecUsersReconciliation(
                    () -> SpecUsersReconciliation.leadsAfterBootstrap(loop.status(), loop.timing(), System.nanoTime()),
                    users::get,
                    wanted -> roles.reconcile(wanted, user -> secretValueNow(client, config.namespace(),
                            names.userSecret(user), "password")),
                    sentence -> events.record("RolesCreated", sentence, false), System::nanoTime);

            loop.start();
            api.start();
            agent.watches.add(lease.watch(wake));
            agent.watches.add(client.configMaps().inNamespace(config.namespace()).withName(names.configMap())
                    .watch(new Watcher<>() {
                        @Override
                        public void eventReceived(Action action, ConfigMap cm) {
                            boolean nowPaused = isPaused(cm);
                            if (paused.getAndSet(nowPaused) != nowPaused) {
                                log.info("maintenance mode {}", nowPaused ? "on (paused)" : "off (resumed)");
                            }
                            reloadSettings(cm, settings, users, config, names);
                            wake.run();
                            try {
                                scheduler.execute(reconciliation::tick);
                            } catch (java.util.concurrent.RejectedExecutionException e) {
                                // shutting down
                            }
                        }

                        @Override
                        public void onClose(WatcherException cause) {
                            log.warn("the ConfigMap watch closed: {}", cause == null ? "" : cause.getMessage());
                        }
                    }));
            // watches can miss events across reconnects: re-read the pause flag now and then
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    ConfigMap cm = client.configMaps().inNamespace(config.namespace()).withName(names.configMap()).get();
                    if (cm != null) {
                        paused.set(isPaused(cm));
                        reloadSettings(cm, settings, users, config, names);
                    }
                } catch (RuntimeException e) {
                    log.debug("could not re-read the ConfigMap: {}", ApiErrors.classify(e).describe());
                }
            }, 10, 10, TimeUnit.SECONDS);
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    reconciliation.tick();
                } catch (RuntimeException e) {
                    log.warn("reconciling the spec's roles failed: {}", e.toString());
                }
            }, 1, 1, TimeUnit.SECONDS);
            return agent;
        }

        @Override
        public void close() {
            log.info("shutting down");
            watches.forEach(Watch::close);
            scheduler.shutdownNow();
            api.close();
            loop.close();
            members.close();
            client.close();
        }

        /**
         * A changed spec.yaml changes the replication mode, the lag limit, the timing, (in pods) the members and the
         * users whose roles the leader creates without restarting Postgres; an invalid one is refused, naming the
         * problem, and the running settings stay.
         */
        static void reloadSettings(ConfigMap cm, AtomicReference<HaSettings> settings,
                                   AtomicReference<List<ClusterSpec.UserSpec>> users,
                                   AgentConfig config, ClusterNames names) {
            String yaml = cm.getData() == null ? null : cm.getData().get(ClusterSpecYaml.CONFIG_MAP_KEY);
            try {
                ClusterSpec spec = ClusterSpecYaml.read(yaml).withDefaults();
                HaSettings old = settings.get();
                List<String> members = config.hostProcess() ? old.members() : names.pods(spec);
                HaSettings next = new HaSettings(spec.name(), HaTiming.of(spec.ha()), spec.replication().mode(),
                        spec.replication().maximumLagOnFailoverBytes(), members);
                settings.set(next);
                users.set(spec.users());
            } catch (RuntimeException e) {
                log.error("ignoring the changed {}: {}", names.configMap(), e.getMessage());
            }
        }

        static boolean isPaused(ConfigMap cm) {
            return cm != null && cm.getMetadata().getAnnotations() != null
                    && "true".equalsIgnoreCase(cm.getMetadata().getAnnotations().get(Labels.PAUSED_ANNOTATION));
        }

        private static KubernetesClient client(Duration timeout) {
            Config base = Config.autoConfigure(null);
            Config config = new ConfigBuilder(base)
                    .withConnectionTimeout((int) timeout.toMillis())
                    .withRequestTimeout((int) timeout.toMillis())
                    .withRequestRetryBackoffLimit(0)
                    // HTTP/1.1: a request that timed out takes its connection with it, so the next lease read opens a
                    // fresh one; over HTTP/2 every request would share one connection that a black hole (a lost API
                    // server node, stale conntrack) could keep timing out until TCP gives up
                    .withHttp2Disable(true)
                    .build();
            // the JDK's own HTTP client (java.net.http): no vert.x/netty threads and buffers in the agent (docs/ha-agent.md §13)
            return new KubernetesClientBuilder().withHttpClientFactory(new JdkHttpClientFactory()).withConfig(config)
                    .build();
        }

        private static String secretValue(KubernetesClient client, String namespace, String secret, String key)
                throws InterruptedException {
            Secret s = waitFor(() -> client.secrets().inNamespace(namespace).withName(secret).get(), "Secret " + secret);
            String value = valueOf(s, key);
            if (value == null) {
                throw new IllegalArgumentException("Secret " + namespace + "/" + secret + " has no key " + key);
            }
            return value;
        }

        /** A Secret's value read now (no waiting); throws, naming Secret and key, when it is missing. */
        private static String secretValueNow(KubernetesClient client, String namespace, String secret, String key) {
            Secret s;
            try {
                s = client.secrets().inNamespace(namespace).withName(secret).get();
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot read Secret " + namespace + "/" + secret + ": "
                        + ApiErrors.classify(e).describe(), e);
            }
            if (s == null) {
                throw new IllegalStateException("Secret " + namespace + "/" + secret + " does not exist (yet)");
            }
            String value = valueOf(s, key);
            if (value == null) {
                throw new IllegalStateException("Secret " + namespace + "/" + secret + " has no key " + key);
            }
            return value;
        }

        /** {@code key} of {@code s}: decoded from data, else from stringData; null when neither has it. */
        private static String valueOf(Secret s, String key) {
            String encoded = s.getData() == null ? null : s.getData().get(key);
            if (encoded != null) {
                return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            return s.getStringData() == null ? null : s.getStringData().get(key);
        }

        private static <T> T waitFor(java.util.function.Supplier<T> read, String what) throws InterruptedException {
            long sleep = 500;
            while (true) {
                try {
                    T value = read.get();
                    if (value != null) {
                        return value;
                    }
                    log.warn("{} does not exist yet; waiting for it", what);
                } catch (RuntimeException e) {
                    log.warn("cannot read {}: {}; trying again", what, ApiErrors.classify(e).describe());
                }
                Thread.sleep(sleep);
                sleep = Math.min(5000, sleep * 2);
            }
        }
    }
}
