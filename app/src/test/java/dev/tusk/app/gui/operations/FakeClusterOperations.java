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
import dev.tusk.app.model.Message;
import dev.tusk.app.model.OperationEvent;
import dev.tusk.app.model.OperationPlan;
import dev.tusk.app.model.OperationStage;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.app.model.StepState;
import dev.tusk.app.model.StorageClassInfo;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import dev.tusk.app.logic.ProblemException;
import dev.tusk.runtime.model.ClusterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A stand-in for the cluster services in view-model tests (no toolkit, no cluster): each call is recorded; answers
 * and events are what the test scripts. Not a Kubernetes mock — the services themselves are tested against the
 * mock API server and the testbed.
 */
public class FakeClusterOperations implements ClusterOperations {

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public List<StorageClassInfo> storageClasses = List.of(new StorageClassInfo("standard", "tusk.dev/host-path", true, false),
            new StorageClassInfo("fast", "csi.example.com", false, true));
    public ClusterSpec spec;
    public ScriptedOperation<CreateResult> create;
    public ScriptedOperation<ScaleResult> scale;
    public ScriptedOperation<SwitchoverResult> switchover;
    public ScriptedOperation<RestartResult> restart;
    public ScriptedOperation<DeleteResult> delete;
    public java.util.function.Function<ScaleRequest, OperationPlan> scalePlan = r -> OperationPlan.of(List.of());
    public OperationPlan restartPlan = OperationPlan.of(List.of());
    public DatabaseAccess access;
    public final List<FakeSubscription> subscriptions = new CopyOnWriteArrayList<>();
    public Consumer<ClusterTopology> topologyListener;
    public Consumer<List<ClusterEvent>> eventsListener;
    public Consumer<String> logLines;
    public Runnable logEnd;
    public Consumer<TunnelState> tunnelListener;

    /** An operation the test scripts: events to report, then a result or a failure. */
    @FunctionalInterface
    public interface ScriptedOperation<T> {
        T run(OperationListener listener, Cancellation cancel);
    }

    public static OperationEvent event(OperationStage stage, String subject, StepState state, String key, Object... args) {
        return new OperationEvent(Instant.EPOCH, Duration.ofMillis(1500), stage, subject, state, Message.of(key, args));
    }

    @Override
    public Problem explain(Throwable failure) {
        if (failure instanceof ProblemException pe) {
            return pe.problem();
        }
        return new Problem(ProblemKind.UNEXPECTED, Message.of("problem.unexpected.title"),
                Message.of("problem.unexpected.detail", String.valueOf(failure.getMessage())), Message.of("problem.unexpected.fix"));
    }

    @Override
    public List<StorageClassInfo> storageClasses() {
        calls.add("storageClasses");
        return storageClasses;
    }

    @Override
    public Optional<StorageClassInfo> storageClass(String name) {
        calls.add("storageClass " + name);
        return name == null ? storageClasses.stream().filter(StorageClassInfo::isDefault).findFirst()
                : storageClasses.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    @Override
    public ClusterSpec spec(String namespace, String cluster) {
        calls.add("spec " + namespace + "/" + cluster);
        return spec;
    }

    @Override
    public CreateResult create(ClusterSpec spec, CreateCluster.Options options, OperationListener listener, Cancellation cancel) {
        calls.add("create " + spec.namespace() + "/" + spec.name() + " " + options.onFailure());
        return create.run(listener, cancel);
    }

    @Override
    public Subscription watchTopology(String namespace, String cluster, Consumer<ClusterTopology> listener) {
        calls.add("watchTopology " + namespace + "/" + cluster);
        topologyListener = listener;
        return subscribe("topology " + cluster);
    }

    @Override
    public Subscription watchEvents(String namespace, String cluster, Consumer<List<ClusterEvent>> listener) {
        calls.add("watchEvents " + namespace + "/" + cluster);
        eventsListener = listener;
        return subscribe("events " + cluster);
    }

    @Override
    public Subscription followLog(String namespace, String pod, int tailLines, Consumer<String> lines, Runnable onEnd) {
        calls.add("followLog " + pod + " " + tailLines);
        logLines = lines;
        logEnd = onEnd;
        return subscribe("log " + pod);
    }

    @Override
    public OperationPlan scalePlan(String namespace, String cluster, ScaleRequest request) {
        calls.add("scalePlan " + request);
        return scalePlan.apply(request);
    }

    @Override
    public ScaleResult scale(String namespace, String cluster, ScaleRequest request, OperationListener listener, Cancellation cancel) {
        calls.add("scale " + request);
        return scale.run(listener, cancel);
    }

    @Override
    public SwitchoverResult switchover(String namespace, String cluster, String target, OperationListener listener, Cancellation cancel) {
        calls.add("switchover " + target);
        return switchover.run(listener, cancel);
    }

    @Override
    public OperationPlan restartPlan(String namespace, String cluster) {
        calls.add("restartPlan");
        return restartPlan;
    }

    @Override
    public RestartResult restart(String namespace, String cluster, OperationListener listener, Cancellation cancel) {
        calls.add("restart");
        return restart.run(listener, cancel);
    }

    @Override
    public DeleteResult delete(String namespace, String cluster, boolean deleteVolumes, OperationListener listener, Cancellation cancel) {
        calls.add("delete " + namespace + "/" + cluster + " volumes=" + deleteVolumes);
        return delete.run(listener, cancel);
    }

    @Override
    public Tunnel openTunnel(String namespace, String cluster, TunnelRoute route, Consumer<TunnelState> listener) {
        calls.add("openTunnel " + route);
        tunnelListener = listener;
        FakeSubscription sub = subscribe("tunnel " + route);
        TunnelState state = new TunnelState(route, "127.0.0.1", 54321, TunnelState.Status.FORWARDING, "hippo-instance1-0-0",
                0, 0, 0, null, Instant.EPOCH);
        listener.accept(state);
        return new Tunnel() {
            @Override
            public TunnelRoute route() {
                return route;
            }

            @Override
            public TunnelState state() {
                return state;
            }

            @Override
            public void close() {
                sub.close();
            }
        };
    }

    @Override
    public DatabaseAccess describeAccess(String namespace, String cluster, String user, Tunnel tunnel) {
        calls.add("describeAccess " + user + " " + (tunnel == null ? "-" : tunnel.route()));
        return access;
    }

    @Override
    public Psql openPsql(String namespace, String cluster, TunnelRoute route, String user, Consumer<TunnelState> listener) {
        calls.add("openPsql " + route + " " + user);
        FakeSubscription sub = subscribe("psql " + route);
        TunnelState state = new TunnelState(route, "127.0.0.1", 54322, TunnelState.Status.FORWARDING, "hippo-instance1-0-0",
                1, 1, 0, null, Instant.EPOCH);
        listener.accept(state);
        return new Psql() {
            @Override
            public DatabaseAccess access() {
                return access;
            }

            @Override
            public TunnelState state() {
                return state;
            }

            @Override
            public void close() {
                sub.close();
            }
        };
    }

    private FakeSubscription subscribe(String what) {
        FakeSubscription s = new FakeSubscription(what);
        subscriptions.add(s);
        return s;
    }

    /** What is still open. */
    public List<String> open() {
        List<String> out = new ArrayList<>();
        subscriptions.stream().filter(s -> !s.closed).forEach(s -> out.add(s.what));
        return out;
    }

    public static final class FakeSubscription implements Subscription {
        public final String what;
        public volatile boolean closed;

        FakeSubscription(String what) {
            this.what = what;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
