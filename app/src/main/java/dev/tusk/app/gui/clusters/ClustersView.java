package dev.tusk.app.gui.clusters;

import dev.tusk.app.gui.cluster.ClusterView;
import dev.tusk.app.gui.cluster.ClusterViewModel;
import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.create.CreateWizardView;
import dev.tusk.app.gui.common.ViewLoader;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ClusterSummary;
import dev.tusk.app.model.ClustersSnapshot;
import dev.tusk.app.model.InstanceSummary;
import dev.tusk.app.model.NamespaceAccess;
import dev.tusk.app.model.NamespaceChoice;
import dev.tusk.app.model.PodPhase;
import dev.tusk.app.model.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TreeItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The live cluster list: binds to {@link ClustersViewModel}; the tree follows each snapshot. */
public final class ClustersView {

    private final ClustersViewModel viewModel;
    private final Messages messages;
    private final ClusterTree tree = new ClusterTree();
    private final List<Runnable> unbind = new ArrayList<>();

    @FXML private TabPane workspace;
    @FXML private Tab listTab;
    @FXML private Button openButton;
    @FXML private Button newClusterButton;
    @FXML private ComboBox<String> namespacePicker;
    @FXML private Label summary;
    @FXML private Label watchBadge;
    @FXML private VBox accessPanel;
    @FXML private Label accessText;
    @FXML private VBox problemPanel;
    @FXML private Label problemTitle;
    @FXML private Label problemDetail;
    @FXML private Label problemFix;
    @FXML private TreeTableView<ClusterListRow> clustersTree;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> nameColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> roleColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> phaseColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> readyColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> restartsColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> timelineColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> lagColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> nodeColumn;
    @FXML private TreeTableColumn<ClusterListRow, ClusterListRow> decisionColumn;

    private final Parent root;
    private final Map<ClusterViewModel, Tab> clusterTabs = new LinkedHashMap<>();
    private final Map<ClusterViewModel, ClusterView> clusterViews = new LinkedHashMap<>();
    private boolean updatingPicker;
    private boolean updatingTabs;

    public ClustersView(ClustersViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.root = ViewLoader.load(this, messages.bundle());
    }

    public Parent root() {
        return root;
    }

    /** Detaches this view from the view model (the view model, its watcher and open cluster views live on). */
    public void dispose() {
        unbind.forEach(Runnable::run);
        unbind.clear();
        clusterViews.values().forEach(ClusterView::dispose);
        clusterViews.clear();
        clusterTabs.clear();
    }

    @FXML
    private void initialize() {
        namespacePicker.setEditable(true);
        namespacePicker.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty || name == null ? null : describeNamespace(name));
            }
        });
        ListChangeListener<NamespaceChoice> namespacesChanged = change -> syncNamespaces();
        viewModel.namespaces().addListener(namespacesChanged);
        unbind.add(() -> viewModel.namespaces().removeListener(namespacesChanged));
        syncNamespaces();
        ChangeListener<String> namespaceChanged = (obs, old, now) -> showNamespace(now);
        viewModel.namespaceProperty().addListener(namespaceChanged);
        unbind.add(() -> viewModel.namespaceProperty().removeListener(namespaceChanged));
        showNamespace(viewModel.namespaceProperty().get());
        namespacePicker.setOnAction(event -> {
            if (!updatingPicker) {
                viewModel.selectNamespace(namespacePicker.getValue());
            }
        });

        summary.textProperty().bind(Texts.of(messages, viewModel.summaryProperty()));
        ChangeListener<ClustersSnapshot> snapshotChanged = (obs, old, now) -> showSnapshot(now);
        viewModel.snapshotProperty().addListener(snapshotChanged);
        unbind.add(() -> viewModel.snapshotProperty().removeListener(snapshotChanged));

        accessText.textProperty().bind(Bindings.createStringBinding(() -> describeAccess(
                viewModel.accessProperty().get()), viewModel.accessProperty()));
        accessPanel.visibleProperty().bind(Bindings.createBooleanBinding(() -> viewModel.accessProperty().get() != null
                && !viewModel.accessProperty().get().canWatchClusters(), viewModel.accessProperty()));
        accessPanel.managedProperty().bind(accessPanel.visibleProperty());
        Texts.bindProblem(messages, Bindings.createObjectBinding(() -> {
            if (viewModel.problemProperty().get() != null) {
                return viewModel.problemProperty().get();
            }
            ClustersSnapshot s = viewModel.snapshotProperty().get();
            return s == null ? null : s.problem();
        }, viewModel.problemProperty(), viewModel.snapshotProperty()), problemPanel, problemTitle, problemDetail,
                problemFix);

        clustersTree.setRoot(tree.root());
        clustersTree.setShowRoot(false);
        clustersTree.setPlaceholder(new Label(messages.text("clusters.loadingNamespaces")));
        setUp(nameColumn, this::nameCell);
        setUp(roleColumn, this::roleCell);
        setUp(phaseColumn, this::phaseCell);
        setUp(readyColumn, row -> text(switch (row) {
            case ClusterListRow.ClusterRow c -> c.cluster().readyCount() + "/" + c.cluster().totalCount();
            case ClusterListRow.InstanceRow i -> i.instance().ready() ? "✓" : "—";
        }));
        setUp(restartsColumn, row -> text(row instanceof ClusterListRow.InstanceRow i
                && i.instance().phase() != PodPhase.MISSING ? String.valueOf(i.instance().restarts()) : ""));
        setUp(timelineColumn, row -> text(row instanceof ClusterListRow.InstanceRow i
                && i.instance().status().timeline() != null ? String.valueOf(i.instance().status().timeline()) : ""));
        setUp(lagColumn, row -> text(row instanceof ClusterListRow.InstanceRow i
                && i.instance().status().lagBytes() != null ? Texts.bytes(i.instance().status().lagBytes()) : ""));
        setUp(nodeColumn, row -> text(row instanceof ClusterListRow.InstanceRow i ? join(i.instance().node(),
                i.instance().podIp()) : ""));
        setUp(decisionColumn, this::decisionCell);
        showSnapshot(viewModel.snapshotProperty().get());

        // A filter, not a row handler: the tree's own behaviour (expand/collapse on double-click) must not swallow it.
        clustersTree.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_CLICKED, event -> {
            if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2
                    && event.getPickResult().getIntersectedNode() != null
                    && !(event.getPickResult().getIntersectedNode() instanceof javafx.scene.control.TreeTableRow<?> r && r.isEmpty())) {
                openSelected();
            }
        });
        clustersTree.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                openSelected();
                event.consume();
            }
        });
        openButton.disableProperty().bind(clustersTree.getSelectionModel().selectedItemProperty().isNull());

        ListChangeListener<ClusterViewModel> openChanged = change -> syncTabs();
        viewModel.openClusters().addListener(openChanged);
        unbind.add(() -> viewModel.openClusters().removeListener(openChanged));
        ChangeListener<ClusterViewModel> focusChanged = (obs, old, now) -> selectTab(now);
        viewModel.focusedClusterProperty().addListener(focusChanged);
        unbind.add(() -> viewModel.focusedClusterProperty().removeListener(focusChanged));
        ChangeListener<Tab> tabChanged = (obs, old, now) -> {
            if (!updatingTabs) {
                viewModel.focus(clusterTabs.entrySet().stream().filter(e -> e.getValue() == now)
                        .map(Map.Entry::getKey).findFirst().orElse(null));
            }
        };
        workspace.getSelectionModel().selectedItemProperty().addListener(tabChanged);
        unbind.add(() -> workspace.getSelectionModel().selectedItemProperty().removeListener(tabChanged));
        syncTabs();
        selectTab(viewModel.focusedClusterProperty().get());
    }

    // ---- cluster tabs ----

    private void syncTabs() {
        updatingTabs = true;
        try {
            for (ClusterViewModel gone : List.copyOf(clusterTabs.keySet())) {
                if (!viewModel.openClusters().contains(gone)) {
                    workspace.getTabs().remove(clusterTabs.remove(gone));
                    ClusterView view = clusterViews.remove(gone);
                    if (view != null) {
                        view.dispose();
                    }
                }
            }
            for (ClusterViewModel open : viewModel.openClusters()) {
                if (!clusterTabs.containsKey(open)) {
                    ClusterView view = new ClusterView(open, messages, () -> viewModel.closeCluster(open));
                    Tab tab = new Tab(open.cluster() + " · " + open.namespace(), view.root());
                    tab.setId("cluster-tab-" + open.cluster());
                    tab.setOnClosed(e -> viewModel.closeCluster(open));
                    clusterTabs.put(open, tab);
                    clusterViews.put(open, view);
                    workspace.getTabs().add(tab);
                }
            }
        } finally {
            updatingTabs = false;
        }
    }

    private void selectTab(ClusterViewModel focused) {
        Tab tab = focused == null ? listTab : clusterTabs.get(focused);
        if (tab != null && workspace.getSelectionModel().getSelectedItem() != tab) {
            updatingTabs = true;
            try {
                workspace.getSelectionModel().select(tab);
            } finally {
                updatingTabs = false;
            }
        }
    }

    private void openRow(ClusterListRow row) {
        String cluster = switch (row) {
            case ClusterListRow.ClusterRow c -> c.cluster().name();
            case ClusterListRow.InstanceRow i -> i.cluster();
        };
        String namespace = viewModel.snapshotProperty().get() == null ? viewModel.namespaceProperty().get()
                : viewModel.snapshotProperty().get().namespace();
        viewModel.openCluster(namespace, cluster);
    }

    /** Opens the view of the cluster selected in the list (Enter, double-click, the Open button). */
    @FXML
    public void openSelected() {
        TreeItem<ClusterListRow> selected = clustersTree.getSelectionModel().getSelectedItem();
        if (selected != null && selected.getValue() != null) {
            openRow(selected.getValue());
        }
    }

    /** Opens the create wizard in its own window. */
    @FXML
    public void newCluster() {
        new CreateWizardView(viewModel.newClusterWizard(opened -> { }), messages,
                viewModel.connection().context().name(), viewModel.files()).show(root.getScene().getWindow());
    }

    /** The cluster view shown now, or null on the list. */
    public ClusterView currentClusterView() {
        ClusterViewModel focused = viewModel.focusedClusterProperty().get();
        return focused == null ? null : clusterViews.get(focused);
    }

    /** Closes the cluster tab shown now (the list tab stays). */
    public void closeCurrentTab() {
        ClusterViewModel focused = viewModel.focusedClusterProperty().get();
        if (focused != null) {
            viewModel.closeCluster(focused);
        }
    }

    private void syncNamespaces() {
        updatingPicker = true;
        try {
            namespacePicker.getItems().setAll(viewModel.namespaces().stream().map(NamespaceChoice::name).toList());
            namespacePicker.setValue(viewModel.namespaceProperty().get());
        } finally {
            updatingPicker = false;
        }
    }

    private void showNamespace(String name) {
        updatingPicker = true;
        try {
            namespacePicker.setValue(name);
        } finally {
            updatingPicker = false;
        }
    }

    private void showSnapshot(ClustersSnapshot snapshot) {
        tree.show(snapshot);
        if (snapshot == null) {
            watchBadge.setText("");
            return;
        }
        watchBadge.setText(messages.text("watch." + snapshot.state().name().toLowerCase(Locale.ROOT)));
        Styles.setExclusive(watchBadge, "watch-", "watch-" + snapshot.state().name().toLowerCase(Locale.ROOT));
        clustersTree.setPlaceholder(snapshot.state() == dev.tusk.app.model.WatchState.STARTING
                ? new Label(messages.text("clusters.loading", snapshot.namespace())) : emptyState(snapshot.namespace()));
    }

    /** The empty list's call to action: create the first cluster here. */
    private Node emptyState(String namespace) {
        Label text = new Label(messages.text("clusters.empty", namespace));
        text.getStyleClass().add("empty-title");
        Label hint = new Label(messages.text("clusters.emptyHint"));
        hint.setWrapText(true);
        hint.getStyleClass().add("screen-subtitle");
        Button create = new Button(messages.text("clusters.createFirst"));
        create.setId("createFirstCluster");
        create.getStyleClass().add("accent");
        create.setOnAction(e -> newCluster());
        VBox box = new VBox(10, text, hint, create);
        box.setAlignment(javafx.geometry.Pos.CENTER);
        box.setMaxWidth(520);
        box.getStyleClass().add("empty-state");
        return box;
    }

    private String describeNamespace(String name) {
        Integer count = viewModel.namespaces().stream().filter(c -> c.name().equals(name)).findFirst()
                .map(NamespaceChoice::clusterCount).orElse(null);
        return count == null || count == 0 ? name : messages.text("clusters.namespaceWithCount", name, count);
    }

    private String describeAccess(NamespaceAccess access) {
        if (access == null || access.canWatchClusters()) {
            return "";
        }
        return messages.text("clusters.accessMissing", access.namespace(), String.join(", ", access.missing()));
    }

    private Node nameCell(ClusterListRow row) {
        return switch (row) {
            case ClusterListRow.ClusterRow c -> {
                Label name = new Label(c.cluster().name());
                name.getStyleClass().add("cluster-name");
                yield name;
            }
            case ClusterListRow.InstanceRow i -> {
                Label name = new Label(i.instance().podName());
                name.getStyleClass().add("instance-name");
                yield name;
            }
        };
    }

    private Node roleCell(ClusterListRow row) {
        return switch (row) {
            case ClusterListRow.ClusterRow c -> text(c.cluster().postgresVersion() == null ? ""
                    : messages.text("clusters.postgresVersion", c.cluster().postgresVersion()));
            case ClusterListRow.InstanceRow i -> {
                if (i.instance().phase() == PodPhase.MISSING) {
                    yield text("");
                }
                Role role = i.instance().role();
                Label badge = new Label(messages.text("role." + role.name().toLowerCase(Locale.ROOT)));
                badge.getStyleClass().addAll(Styles.BADGE, Styles.role(role));
                yield badge;
            }
        };
    }

    private Node phaseCell(ClusterListRow row) {
        return switch (row) {
            case ClusterListRow.ClusterRow c -> {
                Label text = new Label(clusterPhases(c.cluster()));
                text.getStyleClass().add(Styles.PHASE);
                yield text;
            }
            case ClusterListRow.InstanceRow i -> {
                Label phase = new Label(phaseText(i.instance().phase()));
                phase.getStyleClass().addAll(Styles.PHASE, Styles.phase(i.instance().phase()));
                yield phase;
            }
        };
    }

    private Node decisionCell(ClusterListRow row) {
        return switch (row) {
            case ClusterListRow.ClusterRow c -> {
                HBox notes = new HBox(6);
                ClusterSummary cluster = c.cluster();
                if (cluster.paused()) {
                    notes.getChildren().add(badge("clusters.note.paused", Styles.BADGE_PAUSED));
                }
                if (cluster.configMissing()) {
                    notes.getChildren().add(badge("clusters.note.configMissing", Styles.BADGE_WARNING));
                }
                if (cluster.specProblem() != null) {
                    notes.getChildren().add(badge("clusters.note.specUnreadable", Styles.BADGE_WARNING));
                }
                if (cluster.severalPrimaries()) {
                    notes.getChildren().add(badge("clusters.note.severalPrimaries", Styles.BADGE_WARNING));
                }
                if (cluster.primary().isEmpty() && !cluster.instances().isEmpty()) {
                    notes.getChildren().add(badge("clusters.note.noPrimary", Styles.BADGE_WARNING));
                }
                yield notes;
            }
            case ClusterListRow.InstanceRow i -> {
                String sentence = i.instance().status().lastDecision();
                Label decision = text(sentence == null ? "" : messages.decision(sentence));
                decision.getStyleClass().add("decision");
                if (!decision.getText().isEmpty()) {
                    decision.setTooltip(new javafx.scene.control.Tooltip(Texts.decisionTooltip(decision.getText(),
                            sentence)));
                }
                yield decision;
            }
        };
    }

    private Label badge(String key, String styleClass) {
        Label badge = new Label(messages.text(key));
        badge.getStyleClass().addAll(Styles.BADGE, styleClass);
        return badge;
    }

    private String clusterPhases(ClusterSummary cluster) {
        if (cluster.instances().isEmpty()) {
            return messages.text("clusters.noInstances");
        }
        java.util.EnumMap<PodPhase, Integer> counts = new java.util.EnumMap<>(PodPhase.class);
        for (InstanceSummary i : cluster.instances()) {
            counts.merge(i.phase(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((phase, n) -> parts.add(messages.text("clusters.phaseCount", n, phaseText(phase))));
        return String.join(messages.text("clusters.listSeparator"), parts);
    }

    private String phaseText(PodPhase phase) {
        return messages.text("phase." + phase.name().toLowerCase(Locale.ROOT));
    }

    private static Label text(String value) {
        return new Label(value == null ? "" : value);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b == null ? "" : b;
        }
        return b == null ? a : a + " · " + b;
    }

    private static void setUp(TreeTableColumn<ClusterListRow, ClusterListRow> column,
                              Function<ClusterListRow, Node> render) {
        column.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(
                cell.getValue().getValue()));
        column.setCellFactory(c -> new TreeTableCell<>() {
            @Override
            protected void updateItem(ClusterListRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                setGraphic(empty || row == null ? null : render.apply(row));
                TreeTableRowStyle.apply(this, empty ? null : row);
            }
        });
    }

    /** Marks cells of cluster rows so the stylesheet can set them apart. */
    private static final class TreeTableRowStyle {
        static void apply(TreeTableCell<ClusterListRow, ClusterListRow> cell, ClusterListRow row) {
            cell.getStyleClass().remove(Styles.CLUSTER_ROW);
            if (row instanceof ClusterListRow.ClusterRow) {
                cell.getStyleClass().add(Styles.CLUSTER_ROW);
            }
        }
    }
}
