package dev.tusk.app.gui.clusters;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.cluster.ClusterViewModel;
import dev.tusk.app.gui.common.FxBridge;
import dev.tusk.app.gui.create.CreateWizardViewModel;
import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.discovery.ClusterWatcher;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.NamespaceService;
import dev.tusk.app.logic.operations.CreateResult;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.NamespaceAccess;
import dev.tusk.app.model.NamespaceChoice;
import dev.tusk.app.model.Problem;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster list's state: the namespaces the user can pick, the one watched, the live snapshot of its Tusk
 * clusters, whether the user may watch there, and a one-line summary. The {@link ClusterWatcher} lives exactly as
 * long as this view model is active and its namespace selected: {@link #deactivate()} or choosing another
 * namespace closes it. Clusters opened from the list ({@link #openCluster}) each get a {@link ClusterViewModel} that
 * lives until its view is closed or the list goes away; "New cluster…" starts a {@link CreateWizardViewModel}.
 */
public final class ClustersViewModel {

    private final Connection connection;
    private final AppServices services;

    private final ObservableList<NamespaceChoice> namespaces = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper namespace = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<ClustersSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<NamespaceAccess> access = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Message> summary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loadingNamespaces = new ReadOnlyBooleanWrapper();
    private final ObservableList<ClusterViewModel> openClusters = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ClusterViewModel> focusedCluster = new ReadOnlyObjectWrapper<>();
    private final ClusterOperations operations;

    /** The watcher of the selected namespace; replaced (and the old one closed) when the namespace changes. */
    private ClusterWatcher watcher;
    private boolean active;

    public ClustersViewModel(Connection connection, AppServices services) {
        this.connection = Objects.requireNonNull(connection);
        this.services = Objects.requireNonNull(services);
        this.operations = services.operations().apply(connection);
        snapshot.addListener((obs, old, now) -> summary.set(now == null ? null
                : Message.of("clusters.summary", now.clusters().size(), now.instanceCount(), now.readyCount())));
    }

    /** Lists the namespaces, then watches the preferred one. */
    public void activate() {
        active = true;
        loadingNamespaces.set(true);
        String context = connection.context().name();
        BackgroundTask.of(p -> services.namespaces().usableNamespaces(connection))
                .onSuccess(choices -> {
                    loadingNamespaces.set(false);
                    if (!active) {
                        return;
                    }
                    namespaces.setAll(choices);
                    String remembered = services.preferences().lastNamespace(context).orElse(null);
                    String preferred = remembered != null ? remembered : NamespaceService.preferredNamespace(
                            choices, connection.context().effectiveNamespace(),
                            connection.context().namespace() != null);
                    selectNamespace(preferred);
                })
                .onFailure(failure -> {
                    loadingNamespaces.set(false);
                    problem.set(explain(failure));
                })
                .executeWith(services.tasks());
    }

    /** Watches another namespace (picked or typed); the previous watcher is closed. */
    public void selectNamespace(String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String chosen = name.strip();
        if (chosen.equals(namespace.get()) && watcher != null) {
            return;
        }
        closeWatcher();
        namespace.set(chosen);
        problem.set(null);
        access.set(null);
        if (namespaces.stream().noneMatch(c -> c.name().equals(chosen))) {
            namespaces.add(new NamespaceChoice(chosen, NamespaceChoice.Source.TYPED, null));
        }
        services.preferences().setLastNamespace(connection.context().name(), chosen);
        snapshot.set(ClustersSnapshot.starting(chosen));
        ClusterWatcher next = new ClusterWatcher(connection.client(), chosen, services.specs(), connection.errors(),
                FxBridge.latest(services.ui(), s -> {
                    if (chosen.equals(namespace.get()) && active) {
                        snapshot.set(s);
                    }
                }));
        watcher = next;
        BackgroundTask.of(p -> next.start())
                .onFailure(failure -> {
                    if (chosen.equals(namespace.get())) {
                        problem.set(explain(failure));
                    }
                })
                .executeWith(services.tasks());
        // Whether the user may watch here is advice, not a condition: if the check itself fails, the watcher's
        // own errors (explained in the snapshot) say what is wrong.
        BackgroundTask.of(p -> services.namespaces().access(connection, chosen))
                .onSuccess(result -> {
                    if (chosen.equals(namespace.get())) {
                        access.set(result);
                    }
                })
                .executeWith(services.tasks());
    }

    /** Stops watching; the view is going away. Open cluster views close too. */
    public void deactivate() {
        active = false;
        closeWatcher();
        for (ClusterViewModel open : List.copyOf(openClusters)) {
            closeCluster(open);
        }
    }

    /**
     * Opens the live view of a cluster (or brings forward the one already open) and asks the window to show it.
     * The spec the list already read fills the header until the view has read its own.
     */
    public ClusterViewModel openCluster(String namespace, String cluster) {
        for (ClusterViewModel open : openClusters) {
            if (open.namespace().equals(namespace) && open.cluster().equals(cluster)) {
                focusedCluster.set(open);
                return open;
            }
        }
        ClustersSnapshot now = snapshot.get();
        var known = now == null || !namespace.equals(now.namespace()) ? null
                : now.cluster(cluster).map(ClusterSummary::spec).orElse(null);
        ClusterViewModel opened = new ClusterViewModel(operations, services.tasks(), services.ui(), namespace, cluster, known);
        openClusters.add(opened);
        opened.activate();
        focusedCluster.set(opened);
        return opened;
    }

    /** Closes a cluster's view: its watchers, log stream, tunnels and psql sessions end. */
    public void closeCluster(ClusterViewModel view) {
        if (openClusters.remove(view)) {
            view.deactivate();
        }
        if (focusedCluster.get() == view) {
            focusedCluster.set(null);
        }
    }

    /** Says which view the window shows (null: the list). */
    public void focus(ClusterViewModel view) {
        focusedCluster.set(view);
    }

    /**
     * A create wizard for the watched namespace (the user may choose another); "Open cluster" at its end opens the
     * new cluster's view.
     *
     * @param afterOpen runs after the new cluster's view was opened (the window shows it)
     */
    public CreateWizardViewModel newClusterWizard(Consumer<ClusterViewModel> afterOpen) {
        List<String> names = namespaces.stream().map(NamespaceChoice::name).toList();
        String current = namespace.get() != null ? namespace.get() : connection.context().effectiveNamespace();
        CreateWizardViewModel wizard = new CreateWizardViewModel(operations, services.tasks(), services.ui(), names,
                current, (CreateResult created) -> afterOpen.accept(openCluster(created.namespace(), created.cluster())));
        wizard.loadStorageClasses();
        return wizard;
    }

    public ObservableList<ClusterViewModel> openClusters() {
        return openClusters;
    }

    /** The cluster view to show, or null for the list. */
    public ReadOnlyObjectProperty<ClusterViewModel> focusedClusterProperty() {
        return focusedCluster.getReadOnlyProperty();
    }

    public dev.tusk.app.gui.app.FileDialogs files() {
        return services.files();
    }

    private void closeWatcher() {
        ClusterWatcher old = watcher;
        watcher = null;
        if (old != null) {
            BackgroundTask.of(p -> {
                old.close();
                return null;
            }).executeWith(services.tasks());
        }
    }

    private Problem explain(Throwable failure) {
        return connection.errors().problemOf(failure);
    }

    public Connection connection() {
        return connection;
    }

    public ObservableList<NamespaceChoice> namespaces() {
        return namespaces;
    }

    public ReadOnlyStringProperty namespaceProperty() {
        return namespace.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClustersSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NamespaceAccess> accessProperty() {
        return access.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingNamespacesProperty() {
        return loadingNamespaces.getReadOnlyProperty();
    }

    /** For tests: the namespaces' names in order. */
    List<String> namespaceNames() {
        return namespaces.stream().map(NamespaceChoice::name).toList();
    }
}
