package dev.tusk.app.gui.operations;

import dev.tusk.app.logic.agent.AgentApi;
import dev.tusk.app.logic.agent.PortForwardAgentTransport;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.operations.DeleteCluster;
import dev.tusk.app.logic.operations.DeleteResult;
import dev.tusk.app.logic.operations.OperationListener;
import dev.tusk.app.logic.operations.RestartResult;
import dev.tusk.app.logic.operations.RollingRestart;
import dev.tusk.app.logic.operations.ScaleCluster;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
import dev.tusk.app.logic.operations.StorageClasses;
import dev.tusk.app.logic.operations.StoredSpecs;
import dev.tusk.app.logic.operations.Switchover;
import dev.tusk.app.logic.operations.SwitchoverResult;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.portforward.PostgresTunnel;
import dev.tusk.app.logic.portforward.PsqlLauncher;
import dev.tusk.app.logic.portforward.PsqlSession;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.logic.topology.ClusterEventsWatcher;
import dev.tusk.app.logic.topology.LogStreamer;
import dev.tusk.app.logic.topology.TopologyWatcher;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import dev.tusk.runtime.model.ClusterSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** {@link ClusterOperations} over the logic services of one open {@link Connection}. */
public final class KubernetesClusterOperations implements ClusterOperations {

    private final Connection connection;
    private final boolean askAgents;

    /** The app's operations: the topology view also polls the leader agent's {@code /cluster} each second. */
    public KubernetesClusterOperations(Connection connection) {
        this(connection, true);
    }

    /**
     * @param askAgents whether the live topology polls the leader agent (false where no agent can answer, e.g. the
     *                  fabric8 mock server: pod annotations then carry lag, timeline and decisions)
     */
    public KubernetesClusterOperations(Connection connection, boolean askAgents) {
        this.connection = connection;
        this.askAgents = askAgents;
    }

    @Override
    public Problem explain(Throwable failure) {
        return connection.errors().problemOf(failure);
    }

    @Override
    public List<StorageClassInfo> storageClasses() {
        return new StorageClasses(connection).list();
    }

    @Override
    public Optional<StorageClassInfo> storageClass(String name) {
        return new StorageClasses(connection).find(name);
    }

    @Override
    public ClusterSpec spec(String namespace, String cluster) {
        return new StoredSpecs(connection).read(namespace, cluster);
    }

    @Override
    public CreateResult create(ClusterSpec spec, CreateCluster.Options options, OperationListener listener,
                               Cancellation cancel) {
        return new CreateCluster(connection).create(spec, options, listener, cancel);
    }

    @Override
    public Subscription watchTopology(String namespace, String cluster, Consumer<ClusterTopology> listener) {
        TopologyWatcher watcher = askAgents ? new TopologyWatcher(connection, namespace, cluster, listener)
                : new TopologyWatcher(connection, namespace, cluster, listener, null, false, TopologyWatcher.DEFAULT_POLL);
        watcher.start();
        return watcher::close;
    }

    @Override
    public Subscription watchEvents(String namespace, String cluster, Consumer<List<ClusterEvent>> listener) {
        ClusterEventsWatcher watcher = new ClusterEventsWatcher(connection.client(), namespace, cluster, listener).start();
        listener.accept(watcher.current());
        return watcher::close;
    }

    @Override
    public Subscription followLog(String namespace, String pod, int tailLines, Consumer<String> lines, Runnable onEnd) {
        LogStreamer.LogStream stream = new LogStreamer(connection).follow(namespace, pod, null, tailLines, lines, onEnd);
        return stream::close;
    }

    @Override
    public OperationPlan scalePlan(String namespace, String cluster, ScaleRequest request) {
        try (ScaleCluster scale = new ScaleCluster(connection)) {
            return scale.plan(namespace, cluster, request);
        }
    }

    @Override
    public ScaleResult scale(String namespace, String cluster, ScaleRequest request, OperationListener listener,
                             Cancellation cancel) {
        try (ScaleCluster scale = new ScaleCluster(connection)) {
            return scale.scale(namespace, cluster, request, ScaleCluster.Options.DEFAULT, listener, cancel);
        }
    }

    @Override
    public SwitchoverResult switchover(String namespace, String cluster, String target, OperationListener listener,
                                       Cancellation cancel) {
        try (Switchover switchover = new Switchover(connection)) {
            return switchover.switchover(namespace, cluster, target, Switchover.Options.DEFAULT, listener, cancel);
        }
    }

    @Override
    public OperationPlan restartPlan(String namespace, String cluster) {
        try (RollingRestart restart = new RollingRestart(connection)) {
            return restart.plan(namespace, cluster);
        }
    }

    @Override
    public RestartResult restart(String namespace, String cluster, OperationListener listener, Cancellation cancel) {
        try (RollingRestart restart = new RollingRestart(connection)) {
            return restart.restart(namespace, cluster, RollingRestart.Options.DEFAULT, listener, cancel);
        }
    }

    @Override
    public DeleteResult delete(String namespace, String cluster, boolean deleteVolumes, OperationListener listener,
                               Cancellation cancel) {
        return new DeleteCluster(connection).delete(namespace, cluster, deleteVolumes, listener, cancel);
    }

    @Override
    public Tunnel openTunnel(String namespace, String cluster, TunnelRoute route, Consumer<TunnelState> listener) {
        PostgresTunnel tunnel = PostgresTunnel.open(connection.client(), namespace, cluster, route,
                PostgresTunnel.Options.DEFAULT, listener);
        return new OpenTunnel(tunnel);
    }

    @Override
    public DatabaseAccess describeAccess(String namespace, String cluster, String user, Tunnel tunnel) {
        PostgresTunnel open = tunnel instanceof OpenTunnel t ? t.tunnel : null;
        return new DatabaseAccessService(connection).describe(namespace, cluster, user, null,
                tunnel == null ? TunnelRoute.PRIMARY : tunnel.route(), open);
    }

    @Override
    public Psql openPsql(String namespace, String cluster, TunnelRoute route, String user,
                         Consumer<TunnelState> listener) {
        PsqlSession session = PsqlSession.open(connection, namespace, cluster, route, user, null, new PsqlLauncher(),
                listener);
        return new Psql() {
            @Override
            public DatabaseAccess access() {
                return session.access();
            }

            @Override
            public TunnelState state() {
                return session.tunnel().state();
            }

            @Override
            public void close() {
                session.close();
            }
        };
    }


    private record OpenTunnel(PostgresTunnel tunnel) implements Tunnel {
        @Override
        public TunnelRoute route() {
            return tunnel.route();
        }

        @Override
        public TunnelState state() {
            return tunnel.state();
        }

        @Override
        public void close() {
            tunnel.close();
        }
    }
}
