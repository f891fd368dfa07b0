package dev.tusk.app.logic.topology;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.AgentClusterStatus;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.InformerProblems;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.ClusterTopology.AgentApiState;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.WatchState;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a cluster's {@link ClusterTopology} current for a view: four informers (the cluster's pods, its ConfigMap,
 * its Lease, its primary EndpointSlice) rebuild it on every change, and the lease holder's agent is asked for
 * {@code /cluster} about once a second (through a port-forward that follows the holder) for lag, timelines and the
 * last decision. A change reaches the listener within a second. Lives exactly as long as its view: {@link #close()}
 * stops the informers, the poller and the forward.
 *
 * <p>The listener runs on informer or poller threads and must return quickly (the app hands it to its FX bridge).
 * Cached objects are only read. A failing watch keeps retrying; meanwhile the topology keeps the last known state
 * with {@link WatchState#RECONNECTING} and the explained problem.
 */
public final class TopologyWatcher implements AutoCloseable {

    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    private final KubernetesClient client;
    private final Connection connection;
    private final String namespace;
    private final String cluster;
    private final Consumer<ClusterTopology> listener;
    private final AgentApi agents;
    private final boolean ownsAgents;
    private final Duration pollInterval;
    private final Clock clock = Clock.systemUTC();
    private final TopologyAssembler assembler = new TopologyAssembler();
    private final Object lock = new Object();
    private final InformerProblems watchProblems;

    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<ConfigMap> configMaps;
    private SharedIndexInformer<Lease> leases;
    private SharedIndexInformer<EndpointSlice> slices;
    private ScheduledExecutorService poller;
    private AgentClusterStatus agentStatus;
    private AgentApiState agentState = AgentApiState.NOT_ASKED;
    private Message agentProblem;
    private String polledHolder;
    private ClusterTopology last;
    private boolean closed;

    /** Polls the agents through port-forwards of this connection, once a second. */
    public TopologyWatcher(Connection connection, String namespace, String cluster, Consumer<ClusterTopology> listener) {
        this(connection, namespace, cluster, listener, new AgentApi(new PortForwardAgentTransport(connection.client())),
                true, DEFAULT_POLL);
    }

    /** @param agents the agent client (closed with the watcher only when {@code ownsAgents}); null: never poll */
    public TopologyWatcher(Connection connection, String namespace, String cluster, Consumer<ClusterTopology> listener,
                           AgentApi agents, boolean ownsAgents, Duration pollInterval) {
        this.connection = Objects.requireNonNull(connection);
        this.client = connection.client();
        this.namespace = Objects.requireNonNull(namespace);
        this.cluster = Objects.requireNonNull(cluster);
        this.listener = Objects.requireNonNull(listener);
        this.agents = agents;
        this.ownsAgents = ownsAgents;
        this.pollInterval = pollInterval;
        this.last = ClusterTopology.starting(namespace, cluster, clock.instant());
        this.watchProblems = new InformerProblems(lock, connection.errors(), () -> closed, this::rebuild);
    }

    /**
     * Starts the informers and the poller; the listener gets the starting topology at once.
     *
     * @return completes when every informer has listed once
     */
    public CompletableFuture<Void> start() {
        ClusterNames names = new ClusterNames(cluster);
        synchronized (lock) {
            if (pods != null || closed) {
                throw new IllegalStateException("a TopologyWatcher starts once");
            }
            pods = client.pods().inNamespace(namespace).withLabel(Labels.CLUSTER, cluster).runnableInformer(0);
            configMaps = client.configMaps().inNamespace(namespace).withName(names.configMap()).runnableInformer(0);
            leases = client.leases().inNamespace(namespace).withName(names.lease()).runnableInformer(0);
            slices = client.discovery().v1().endpointSlices().inNamespace(namespace)
                    .withName(names.primaryEndpointSlice()).runnableInformer(0);
            watchProblems.follow(pods, "pods");
            watchProblems.follow(configMaps, "configmaps");
            watchProblems.follow(leases, "leases");
            watchProblems.follow(slices, "endpointslices");
            listener.accept(last);
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(pods.start().toCompletableFuture(),
                configMaps.start().toCompletableFuture(), leases.start().toCompletableFuture(),
                slices.start().toCompletableFuture());
        if (agents != null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "tusk-topology-" + cluster);
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(this::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return all.whenComplete((ok, failure) -> rebuild());
    }

    /** The latest topology (also what the listener last received). */
    public ClusterTopology current() {
        synchronized (lock) {
            return last;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            last = last.withWatch(WatchState.STOPPED, null);
        }
        if (poller != null) {
            poller.shutdownNow();
        }
        for (SharedIndexInformer<?> informer : informers()) {
            if (informer != null) {
                informer.close();
            }
        }
        if (ownsAgents && agents != null) {
            agents.close();
        }
    }

    private List<SharedIndexInformer<?>> informers() {
        synchronized (lock) {
            return java.util.Arrays.asList(pods, configMaps, leases, slices);
        }
    }

    /** Asks the lease holder's agent for /cluster; forgets the forward when the holder changes. */
    private void poll() {
        String holder;
        synchronized (lock) {
            if (closed || leases == null) {
                return;
            }
            Lease lease = first(leases);
            holder = lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
            holder = holder == null || holder.isBlank() ? null : holder;
            if (polledHolder != null && !polledHolder.equals(holder)) {
                agents.transport().forget(namespace, polledHolder);
            }
            polledHolder = holder;
        }
        AgentClusterStatus status = null;
        AgentApiState state;
        Message problem = null;
        if (holder == null) {
            state = AgentApiState.NOT_ASKED;
        } else {
            try {
                status = agents.cluster(namespace, holder);
                state = AgentApiState.ANSWERED;
            } catch (ProblemException e) {
                state = AgentApiState.UNREACHABLE;
                problem = e.problem().detail();
            } catch (RuntimeException e) {
                state = AgentApiState.UNREACHABLE;
                problem = Message.of("problem.agent.unreachable.detail", holder, namespace, String.valueOf(e.getMessage()));
            }
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            agentStatus = status;
            agentState = state;
            agentProblem = problem;
        }
        rebuild();
    }

    private void rebuild() {
        ClusterTopology next;
        synchronized (lock) {
            if (closed || pods == null) {
                return;
            }
            boolean synced = pods.hasSynced() && configMaps.hasSynced() && leases.hasSynced() && slices.hasSynced();
            Problem problem = watchProblems.current();
            WatchState state = problem != null ? WatchState.RECONNECTING : synced ? WatchState.LIVE : WatchState.STARTING;
            if (!synced && problem == null) {
                return;
            }
            TopologyInputs inputs = new TopologyInputs(first(configMaps), pods.getStore().list(), first(leases),
                    first(slices), agentStatus, agentState, agentProblem, state, problem, clock.instant());
            next = assembler.assemble(namespace, cluster, inputs);
            if (sameExceptTime(next, last)) {
                return;
            }
            last = next;
            listener.accept(next);
        }
    }

    private static boolean sameExceptTime(ClusterTopology a, ClusterTopology b) {
        return a.withWatch(a.watch(), a.watchProblem()).equals(
                new ClusterTopology(b.namespace(), b.cluster(), b.members(), b.leaseHolder(), b.routedPod(),
                        b.routedAddress(), b.timeline(), b.lastDecision(), b.replicationMode(), b.syncStandbys(),
                        b.paused(), b.agentApi(), b.agentApiProblem(), b.watch(), b.watchProblem(), a.observedAt()));
    }

    private static <T> T first(SharedIndexInformer<T> informer) {
        List<T> items = informer.getStore().list();
        return items.isEmpty() ? null : items.getFirst();
    }
}
