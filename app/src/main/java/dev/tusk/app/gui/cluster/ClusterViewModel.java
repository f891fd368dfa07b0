package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.FxBridge;
import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.gui.operations.ClusterOperations.Subscription;
import dev.tusk.app.gui.operations.ClusterOperations.Tunnel;
import dev.tusk.app.logic.portforward.DatabaseAccessService;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.TopologyMember;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.runtime.model.ClusterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * One cluster's live view: its topology (from informers and the leader agent's {@code /cluster}), the Kubernetes
 * events of its objects, the log of a chosen instance, and the tunnels and psql sessions opened from it. Everything
 * it watches or opens lives exactly as long as the view is active: {@link #activate()} starts the watchers,
 * {@link #deactivate()} closes watchers, log stream, tunnels and psql sessions. Snapshots cross onto the UI thread
 * coalesced to the newest ({@link FxBridge#latest}).
 */
public final class ClusterViewModel {

    private final ClusterOperations operations;
    private final TaskExecutor tasks;
    private final Executor ui;
    private final String namespace;
    private final String cluster;

    private final ReadOnlyObjectWrapper<ClusterTopology> topology = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ClusterEvent> events = FXCollections.observableArrayList();
    private final BooleanProperty warningsOnly = new SimpleBooleanProperty();
    private final FilteredList<ClusterEvent> shownEvents = new FilteredList<>(events);
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> sessionProblem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ClusterSpec> spec = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper deleted = new ReadOnlyBooleanWrapper();
    private final ObservableList<SessionViewModel> sessions = FXCollections.observableArrayList();
    private final LogsViewModel logs;
    private final BooleanBinding canSwitchover;
    private final BooleanBinding hasReadyReplica;

    private final Map<TunnelRoute, Tunnel> tunnels = new EnumMap<>(TunnelRoute.class);
    private final Map<TunnelRoute, List<Consumer<Tunnel>>> waitingForTunnel = new EnumMap<>(TunnelRoute.class);
    private Subscription topologyWatch;
    private Subscription eventsWatch;
    private boolean active;
    private int generation;

    public ClusterViewModel(ClusterOperations operations, TaskExecutor tasks, Executor ui, String namespace,
                            String cluster, ClusterSpec knownSpec) {
        this.operations = Objects.requireNonNull(operations);
        this.tasks = Objects.requireNonNull(tasks);
        this.ui = Objects.requireNonNull(ui);
        this.namespace = Objects.requireNonNull(namespace);
        this.cluster = Objects.requireNonNull(cluster);
        this.logs = new LogsViewModel(operations, tasks, ui, namespace);
        this.spec.set(knownSpec);
        this.topology.set(ClusterTopology.starting(namespace, cluster, Instant.now()));
        shownEvents.predicateProperty().bind(Bindings.createObjectBinding(() -> warningsOnly.get()
                ? ClusterEvent::warning : e -> true, warningsOnly));
        hasReadyReplica = Bindings.createBooleanBinding(() -> !topology.get().readyReplicas().isEmpty(), topology);
        canSwitchover = Bindings.createBooleanBinding(() -> topology.get().leaseHolder() != null
                && !topology.get().readyReplicas().isEmpty() && !topology.get().paused(), topology);
    }

    /** Starts watching: topology, events, the chosen instance's log; reads the spec. */
    public void activate() {
        if (active) {
            return;
        }
        active = true;
        int run = ++generation;
        problem.set(null);
        BackgroundTask.of(p -> operations.watchTopology(namespace, cluster, FxBridge.latest(ui, t -> {
                    if (run == generation) {
                        topologyChanged(t);
                    }
                })))
                .onSuccess(sub -> keep(run, sub, s -> topologyWatch = s))
                .onFailure(failure -> problem.set(operations.explain(failure)))
                .executeWith(tasks);
        BackgroundTask.of(p -> operations.watchEvents(namespace, cluster, FxBridge.latest(ui, list -> {
                    if (run == generation) {
                        events.setAll(list);
                    }
                })))
                .onSuccess(sub -> keep(run, sub, s -> eventsWatch = s))
                .onFailure(failure -> problem.set(operations.explain(failure)))
                .executeWith(tasks);
        logs.activate();
        refreshSpec();
    }

    private void keep(int run, Subscription sub, Consumer<Subscription> store) {
        if (run != generation || !active) {
            close(sub);
        } else {
            store.accept(sub);
        }
    }

    /** Stops everything this view opened: watchers, the log stream, tunnels and psql sessions. */
    public void deactivate() {
        if (!active) {
            return;
        }
        active = false;
        generation++;
        Subscription t = topologyWatch;
        Subscription e = eventsWatch;
        topologyWatch = null;
        eventsWatch = null;
        close(t);
        close(e);
        logs.deactivate();
        for (SessionViewModel session : List.copyOf(sessions)) {
            closeSession(session);
        }
        tunnels.clear();
        waitingForTunnel.clear();
    }

    public boolean active() {
        return active;
    }

    /** Reads the stored spec again (after a scale, for the header and the logins). */
    public void refreshSpec() {
        BackgroundTask.of(p -> operations.spec(namespace, cluster))
                .onSuccess(spec::set)
                .executeWith(tasks);
    }

    private void topologyChanged(ClusterTopology now) {
        topology.set(now);
        List<String> pods = now.members().stream().filter(m -> m.phase() != PodPhase.MISSING)
                .map(TopologyMember::pod).toList();
        logs.podsChanged(pods, now.leaseHolder());
    }

    // ---- tunnels and psql ----

    /** The database logins psql and the connection panel offer: the spec's users, then the superuser. */
    public List<String> logins() {
        List<String> out = new ArrayList<>();
        ClusterSpec s = spec.get();
        if (s != null) {
            s.users().forEach(u -> out.add(u.name()));
        }
        out.add(DatabaseAccessService.SUPERUSER);
        return out;
    }

    /** Opens psql in a terminal window through its own tunnel to the primary (or a replica, read-only). */
    public SessionViewModel openPsql(TunnelRoute route, String user) {
        SessionViewModel session = new SessionViewModel(SessionViewModel.Kind.PSQL, route, user);
        sessions.add(session);
        sessionProblem.set(null);
        BackgroundTask.of(p -> operations.openPsql(namespace, cluster, route, user,
                        FxBridge.latest(ui, session::update)))
                .onSuccess(psql -> {
                    if (!active || session.closed()) {
                        close(psql);
                        return;
                    }
                    session.attach(psql);
                    session.update(psql.state());
                })
                .onFailure(failure -> {
                    sessions.remove(session);
                    sessionProblem.set(operations.explain(failure));
                })
                .executeWith(tasks);
        return session;
    }

    /**
     * Hands the open tunnel of {@code route} to {@code use} (on the UI executor), opening it first if needed; the
     * tunnel stays open while this view is active and shows among the sessions.
     */
    public void tunnel(TunnelRoute route, Consumer<Tunnel> use) {
        Tunnel open = tunnels.get(route);
        if (open != null) {
            use.accept(open);
            return;
        }
        List<Consumer<Tunnel>> waiting = waitingForTunnel.get(route);
        if (waiting != null) {
            waiting.add(use);
            return;
        }
        List<Consumer<Tunnel>> queue = new ArrayList<>(List.of(use));
        waitingForTunnel.put(route, queue);
        SessionViewModel session = new SessionViewModel(SessionViewModel.Kind.TUNNEL, route, null);
        sessions.add(session);
        sessionProblem.set(null);
        BackgroundTask.of(p -> operations.openTunnel(namespace, cluster, route, FxBridge.latest(ui, session::update)))
                .onSuccess(tunnel -> {
                    waitingForTunnel.remove(route);
                    if (!active || session.closed()) {
                        close(tunnel);
                        return;
                    }
                    session.attach(tunnel);
                    session.update(tunnel.state());
                    tunnels.put(route, tunnel);
                    queue.forEach(c -> c.accept(tunnel));
                })
                .onFailure(failure -> {
                    waitingForTunnel.remove(route);
                    sessions.remove(session);
                    sessionProblem.set(operations.explain(failure));
                })
                .executeWith(tasks);
    }

    /** The open session of a tunnel route (for its live state), if any. */
    public SessionViewModel tunnelSession(TunnelRoute route) {
        return sessions.stream().filter(s -> s.kind() == SessionViewModel.Kind.TUNNEL && s.route() == route)
                .findFirst().orElse(null);
    }

    /** Closes a psql session (its terminal loses the connection; the password file is deleted) or a tunnel. */
    public void closeSession(SessionViewModel session) {
        sessions.remove(session);
        if (session.kind() == SessionViewModel.Kind.TUNNEL) {
            tunnels.remove(session.route());
        }
        close(session.detach());
    }

    private void close(Subscription subscription) {
        if (subscription == null) {
            return;
        }
        BackgroundTask.of(p -> {
            subscription.close();
            return null;
        }).executeWith(tasks);
    }

    // ---- dialogs ----

    public ScaleDialogViewModel scaleDialog() {
        return new ScaleDialogViewModel(operations, tasks, ui, namespace, cluster, this::refreshSpec);
    }

    public SwitchoverDialogViewModel switchoverDialog() {
        return new SwitchoverDialogViewModel(operations, tasks, ui, namespace, cluster, topology.getReadOnlyProperty());
    }

    public RestartDialogViewModel restartDialog() {
        return new RestartDialogViewModel(operations, tasks, ui, namespace, cluster, topology.getReadOnlyProperty());
    }

    public DeleteDialogViewModel deleteDialog() {
        return new DeleteDialogViewModel(operations, tasks, ui, namespace, cluster, () -> deleted.set(true));
    }

    public ConnectionInfoViewModel connectionInfo() {
        return new ConnectionInfoViewModel(this, operations, tasks);
    }

    // ---- properties ----

    public String namespace() {
        return namespace;
    }

    public String cluster() {
        return cluster;
    }

    public ReadOnlyObjectProperty<ClusterTopology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    /** The events shown (all, or warnings only), newest first. */
    public ObservableList<ClusterEvent> events() {
        return shownEvents;
    }

    public BooleanProperty warningsOnlyProperty() {
        return warningsOnly;
    }

    /** Why watching failed to start, or null. */
    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** Why psql or a tunnel could not be opened, or null. */
    public ReadOnlyObjectProperty<Problem> sessionProblemProperty() {
        return sessionProblem.getReadOnlyProperty();
    }

    public void dismissSessionProblem() {
        sessionProblem.set(null);
    }

    public ReadOnlyObjectProperty<ClusterSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    /** The cluster was deleted from this view. */
    public ReadOnlyBooleanProperty deletedProperty() {
        return deleted.getReadOnlyProperty();
    }

    public ObservableList<SessionViewModel> sessions() {
        return sessions;
    }

    public LogsViewModel logs() {
        return logs;
    }

    /** A leader and at least one ready replica, and not paused. */
    public BooleanBinding canSwitchoverBinding() {
        return canSwitchover;
    }

    public BooleanBinding hasReadyReplicaBinding() {
        return hasReadyReplica;
    }
}
