package dev.tusk.app.gui.operations;

import dev.tusk.app.logic.operations.CreateCluster;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.operations.DeleteResult;
import dev.tusk.app.logic.operations.OperationListener;
import dev.tusk.app.logic.operations.RestartResult;
import dev.tusk.app.logic.operations.ScaleRequest;
import dev.tusk.app.logic.operations.ScaleResult;
import dev.tusk.app.logic.operations.SwitchoverResult;
import dev.tusk.app.logic.tasks.Cancellation;
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

/**
 * What the desktop app's view models ask of one connected Kubernetes cluster: the issue-5 services of
 * {@code dev.tusk.app.logic} ({@code CreateCluster}, {@code ScaleCluster}, {@code Switchover}, {@code RollingRestart},
 * {@code DeleteCluster}, {@code TopologyWatcher}, {@code ClusterEventsWatcher}, {@code LogStreamer},
 * {@code PostgresTunnel}, {@code PsqlSession}, …) behind one seam, so view models are tested without a toolkit and
 * without a cluster ({@link KubernetesClusterOperations} is the one implementation the app uses).
 *
 * <p>Every method blocks and talks to Kubernetes: view models call them only through the {@code TaskExecutor}.
 * Listeners run on service threads and must return quickly (view models hand them to the UI executor).
 */
public interface ClusterOperations {

    /** Explains any failure of these calls in words (naming the context, server and user). */
    Problem explain(Throwable failure);

    /** The StorageClasses, default first; empty when the user may not list them. */
    List<StorageClassInfo> storageClasses();

    /** The named StorageClass, or the default one for {@code null}; empty when unknown or unreadable. */
    Optional<StorageClassInfo> storageClass(String name);

    /** The cluster's stored spec, defaults filled in. */
    ClusterSpec spec(String namespace, String cluster);

    CreateResult create(ClusterSpec spec, CreateCluster.Options options, OperationListener listener, Cancellation cancel);

    /** Starts watching the cluster's topology; the listener gets each new one. Close to stop. */
    Subscription watchTopology(String namespace, String cluster, Consumer<ClusterTopology> listener);

    /** Starts watching the Kubernetes events of the cluster's objects (newest first). Close to stop. */
    Subscription watchEvents(String namespace, String cluster, Consumer<List<ClusterEvent>> listener);

    /**
     * Follows the database container's log of {@code pod}, starting {@code tailLines} back. {@code onEnd} runs once
     * when the stream ends by itself (pod deleted or restarted), not when closed.
     */
    Subscription followLog(String namespace, String pod, int tailLines, Consumer<String> lines, Runnable onEnd);

    OperationPlan scalePlan(String namespace, String cluster, ScaleRequest request);

    ScaleResult scale(String namespace, String cluster, ScaleRequest request, OperationListener listener,
                      Cancellation cancel);

    /** @param target the replica's pod, or {@code null} for the best replica as the leader ranks them */
    SwitchoverResult switchover(String namespace, String cluster, String target, OperationListener listener,
                                Cancellation cancel);

    OperationPlan restartPlan(String namespace, String cluster);

    RestartResult restart(String namespace, String cluster, OperationListener listener, Cancellation cancel);

    DeleteResult delete(String namespace, String cluster, boolean deleteVolumes, OperationListener listener,
                        Cancellation cancel);

    /** Opens a local tunnel that follows the primary (or goes to a ready replica); its state goes to the listener. */
    Tunnel openTunnel(String namespace, String cluster, TunnelRoute route, Consumer<TunnelState> listener);

    /** How to connect as {@code user} ({@code null}: the default login) through {@code tunnel}. */
    DatabaseAccess describeAccess(String namespace, String cluster, String user, Tunnel tunnel);

    /** Opens a tunnel and starts the user's psql in a terminal window through it. Close to end both. */
    Psql openPsql(String namespace, String cluster, TunnelRoute route, String user, Consumer<TunnelState> listener);

    /** Something running that a view owns and closes when it goes away. Closing twice does nothing. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** An open local tunnel. */
    interface Tunnel extends Subscription {
        TunnelRoute route();

        TunnelState state();
    }

    /** psql in a terminal window with its own tunnel. */
    interface Psql extends Subscription {
        DatabaseAccess access();

        TunnelState state();
    }
}
