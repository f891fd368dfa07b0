package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.common.ViewLoader;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ClusterEvent;
import dev.tusk.app.model.ClusterTopology;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.Role;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import dev.tusk.runtime.model.ClusterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * One cluster, live: header, actions, the last HA decision, the topology picture, events and logs, and the open
 * psql sessions and tunnels. Binds to {@link ClusterViewModel} and opens its dialogs; holds no rules.
 */
public final class ClusterView {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final ClusterViewModel viewModel;
    private final Messages messages;
    private final Runnable closeView;
    private final List<Runnable> unbind = new ArrayList<>();
    private final Parent root;
    private TopologyPane topologyPane;

    @FXML private Label clusterTitle;
    @FXML private Label clusterFacts;
    @FXML private Label pausedBadge;
    @FXML private Label agentBadge;
    @FXML private Label watchBadge;
    @FXML private Button scaleButton;
    @FXML private Button switchoverButton;
    @FXML private Button restartButton;
    @FXML private MenuButton psqlButton;
    @FXML private Button connectionButton;
    @FXML private Button deleteButton;
    @FXML private VBox decisionPanel;
    @FXML private Label decisionHeading;
    @FXML private Label decisionText;
    @FXML private VBox warningPanel;
    @FXML private Label warningText;
    @FXML private VBox problemPanel;
    @FXML private Label problemTitle;
    @FXML private Label problemDetail;
    @FXML private Label problemFix;
    @FXML private VBox sessionProblemPanel;
    @FXML private Label sessionProblemTitle;
    @FXML private Label sessionProblemDetail;
    @FXML private Label sessionProblemFix;
    @FXML private FlowPane sessionsBox;
    @FXML private ScrollPane topologyScroll;
    @FXML private StackPane topologyHolder;
    @FXML private CheckBox warningsOnly;
    @FXML private Label eventsCount;
    @FXML private TableView<ClusterEvent> eventsTable;
    @FXML private TableColumn<ClusterEvent, String> eventTime;
    @FXML private TableColumn<ClusterEvent, ClusterEvent> eventType;
    @FXML private TableColumn<ClusterEvent, String> eventReason;
    @FXML private TableColumn<ClusterEvent, String> eventObject;
    @FXML private TableColumn<ClusterEvent, String> eventCount;
    @FXML private TableColumn<ClusterEvent, String> eventSource;
    @FXML private TableColumn<ClusterEvent, String> eventMessage;
    @FXML private javafx.scene.control.Tab logsTab;
    @FXML private ComboBox<String> logPod;
    @FXML private ToggleButton followLog;
    @FXML private Button reconnectLog;
    @FXML private Label logStatus;
    @FXML private ListView<String> logLines;

    /** @param closeView closes this view (its tab), e.g. after the cluster was deleted */
    public ClusterView(ClusterViewModel viewModel, Messages messages, Runnable closeView) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.closeView = closeView;
        this.root = ViewLoader.load(this, messages.bundle());
    }

    public Parent root() {
        return root;
    }

    public ClusterViewModel viewModel() {
        return viewModel;
    }

    /** Detaches this view from its view model (which lives on until its tab closes). */
    public void dispose() {
        unbind.forEach(Runnable::run);
        unbind.clear();
    }

    private <T> void listen(javafx.beans.value.ObservableValue<T> value, ChangeListener<? super T> listener) {
        value.addListener(listener);
        unbind.add(() -> value.removeListener(listener));
    }

    @FXML
    private void initialize() {
        topologyPane = new TopologyPane(messages);
        topologyHolder.getChildren().setAll(topologyPane);
        clusterTitle.setText(viewModel.cluster());

        listen(viewModel.topologyProperty(), (obs, old, now) -> showTopology(now));
        listen(viewModel.specProperty(), (obs, old, now) -> {
            showFacts();
            buildPsqlMenu();
        });
        showTopology(viewModel.topologyProperty().get());
        buildPsqlMenu();

        switchoverButton.disableProperty().bind(viewModel.canSwitchoverBinding().not());
        Texts.bindProblem(messages, viewModel.problemProperty(), problemPanel, problemTitle, problemDetail, problemFix);
        Texts.bindProblem(messages, viewModel.sessionProblemProperty(), sessionProblemPanel, sessionProblemTitle,
                sessionProblemDetail, sessionProblemFix);

        ListChangeListener<SessionViewModel> sessionsChanged = c -> showSessions();
        viewModel.sessions().addListener(sessionsChanged);
        unbind.add(() -> viewModel.sessions().removeListener(sessionsChanged));
        showSessions();

        initEvents();
        initLogs();
        listen(viewModel.deletedProperty(), (obs, old, deleted) -> {
            if (deleted) {
                for (Node n : List.of(scaleButton, switchoverButton, restartButton, psqlButton, connectionButton, deleteButton)) {
                    n.disableProperty().unbind();
                    n.setDisable(true);
                }
            }
        });
    }

    // ---- header, decision, topology ----

    private void showTopology(ClusterTopology t) {
        topologyPane.show(t);
        showFacts();
        String watch = t.watch().name().toLowerCase(Locale.ROOT);
        watchBadge.setText(messages.text("watch." + watch));
        Styles.setExclusive(watchBadge, "watch-", "watch-" + watch);
        watchBadge.setTooltip(t.watchProblem() == null ? null : new Tooltip(messages.text(t.watchProblem().title())
                + "\n" + messages.text(t.watchProblem().detail())));
        pausedBadge.setVisible(t.paused());
        pausedBadge.setManaged(t.paused());
        switch (t.agentApi()) {
            case ANSWERED -> agent("cluster.agent.answered", "agent-answered", null);
            case UNREACHABLE -> agent("cluster.agent.unreachable", "agent-unreachable",
                    t.agentApiProblem() == null ? null : messages.text(t.agentApiProblem()));
            case NOT_ASKED -> agent(null, null, null);
        }

        boolean any = !t.members().isEmpty();
        decisionPanel.setVisible(any);
        decisionPanel.setManaged(any);
        decisionHeading.setText(t.leaseHolder() == null ? messages.text("cluster.decision.headingNoLeader")
                : messages.text("cluster.decision.heading", t.leaseHolder(),
                t.timeline() == null ? "—" : String.valueOf(t.timeline())));
        decisionText.setText(t.lastDecision() == null ? messages.text("cluster.decision.none")
                : messages.decision(t.lastDecision()));

        String warning = warning(t);
        warningText.setText(warning);
        warningPanel.setVisible(!warning.isEmpty());
        warningPanel.setManaged(!warning.isEmpty());
    }

    private void agent(String key, String styleClass, String tooltip) {
        agentBadge.setVisible(key != null);
        agentBadge.setManaged(key != null);
        if (key != null) {
            agentBadge.setText(messages.text(key));
            Styles.setExclusive(agentBadge, "agent-", styleClass);
            agentBadge.setTooltip(tooltip == null ? null : new Tooltip(tooltip));
        }
    }

    private String warning(ClusterTopology t) {
        List<String> lines = new ArrayList<>();
        if (!t.members().isEmpty() && t.watch() != dev.tusk.app.model.WatchState.STARTING) {
            long labelled = t.members().stream().filter(m -> m.role() == Role.PRIMARY).count();
            if (t.leaseHolder() == null) {
                lines.add(messages.text("cluster.warning.noLeader"));
            } else if (!t.leaseHolder().equals(t.routedPod())) {
                lines.add(messages.text("cluster.warning.routeDiffers", t.leaseHolder(),
                        t.routedPod() == null ? "—" : t.routedPod()));
            } else if (labelled > 1) {
                lines.add(messages.text("cluster.warning.severalLabelled", labelled));
            }
        }
        if (t.watchProblem() != null) {
            lines.add(messages.text("cluster.warning.watch", messages.text(t.watchProblem().title())));
        }
        if (t.agentApi() == ClusterTopology.AgentApiState.UNREACHABLE && t.agentApiProblem() != null) {
            lines.add(messages.text("cluster.warning.agent", messages.text(t.agentApiProblem())));
        }
        return String.join("\n", lines);
    }

    private void showFacts() {
        ClusterTopology t = viewModel.topologyProperty().get();
        ClusterSpec spec = viewModel.specProperty().get();
        List<String> facts = new ArrayList<>();
        facts.add(messages.text("cluster.facts.namespace", viewModel.namespace()));
        if (spec != null && spec.postgres() != null && spec.postgres().version() != null) {
            facts.add(messages.text("clusters.postgresVersion", spec.postgres().version()));
        }
        String mode = t.replicationMode() != null ? t.replicationMode()
                : spec != null && spec.replication() != null && spec.replication().mode() != null
                ? spec.replication().mode().yamlValue() : null;
        if (mode != null) {
            facts.add(mode);
        }
        long ready = t.members().stream().filter(m -> m.ready()).count();
        facts.add(messages.text("cluster.facts.ready", ready, t.members().size()));
        clusterFacts.setText(String.join("  ·  ", facts));
    }

    // ---- psql and sessions ----

    private void buildPsqlMenu() {
        List<MenuItem> items = new ArrayList<>();
        List<String> logins = viewModel.logins();
        for (int i = 0; i < logins.size(); i++) {
            String user = logins.get(i);
            MenuItem primary = new MenuItem(messages.text("cluster.psql.primary", user));
            primary.setOnAction(e -> viewModel.openPsql(TunnelRoute.PRIMARY, user));
            MenuItem replica = new MenuItem(messages.text("cluster.psql.replica", user));
            replica.setOnAction(e -> viewModel.openPsql(TunnelRoute.REPLICA, user));
            replica.disableProperty().bind(viewModel.hasReadyReplicaBinding().not());
            if (i == 0) {
                primary.setId("psqlPrimary");
                replica.setId("psqlReplica");
            } else {
                items.add(new SeparatorMenuItem());
            }
            items.add(primary);
            items.add(replica);
        }
        psqlButton.getItems().setAll(items);
    }

    private void showSessions() {
        List<Node> chips = new ArrayList<>();
        for (SessionViewModel session : viewModel.sessions()) {
            Label text = new Label();
            text.textProperty().bind(Bindings.createStringBinding(() -> describe(session), session.stateProperty()));
            text.getStyleClass().add("session-text");
            Button close = new Button(messages.text("cluster.session.close"));
            close.getStyleClass().add("small");
            close.setOnAction(e -> viewModel.closeSession(session));
            Label kind = new Label(messages.text(session.kind() == SessionViewModel.Kind.PSQL ? "cluster.session.psql"
                    : "cluster.session.tunnel"));
            kind.getStyleClass().addAll(Styles.BADGE, "session-kind");
            HBox chip = new HBox(8, kind, text, close);
            chip.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            chip.getStyleClass().add("session-chip");
            chips.add(chip);
        }
        sessionsBox.getChildren().setAll(chips);
        sessionsBox.setVisible(!chips.isEmpty());
        sessionsBox.setManaged(!chips.isEmpty());
    }

    private String describe(SessionViewModel session) {
        TunnelState s = session.stateProperty().get();
        String route = messages.text(session.route() == TunnelRoute.PRIMARY ? "cluster.session.routePrimary"
                : "cluster.session.routeReplica");
        if (s == null) {
            return messages.text("cluster.session.opening", route);
        }
        return switch (s.status()) {
            case FORWARDING -> messages.text("cluster.session.forwarding", route, s.targetPod(), s.host(), s.port(),
                    s.openConnections(), s.retargets());
            case WAITING_FOR_TARGET -> messages.text("cluster.session.waiting", route, s.host(), s.port());
            case CLOSED -> messages.text("cluster.session.closed", route);
        };
    }

    // ---- events ----

    private void initEvents() {
        eventsTable.setItems(viewModel.events());
        warningsOnly.selectedProperty().bindBidirectional(viewModel.warningsOnlyProperty());
        eventsTable.setPlaceholder(new Label(messages.text("cluster.events.none")));
        column(eventTime, e -> time(e.time()));
        eventType.setCellValueFactory(cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
        eventType.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ClusterEvent event, boolean empty) {
                super.updateItem(event, empty);
                setText(null);
                if (empty || event == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(event.warning() ? messages.text("cluster.events.warning")
                        : messages.text("cluster.events.normal"));
                badge.getStyleClass().addAll(Styles.BADGE, event.warning() ? "event-warning" : "event-normal");
                setGraphic(badge);
            }
        });
        column(eventReason, ClusterEvent::reason);
        column(eventObject, ClusterEvent::object);
        column(eventCount, e -> String.valueOf(e.count()));
        column(eventSource, e -> e.source() == null ? "" : e.source());
        column(eventMessage, ClusterEvent::message);
        eventMessage.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                setTooltip(empty || text == null || text.length() < 60 ? null : new Tooltip(text));
            }
        });
        eventsCount.textProperty().bind(Bindings.createStringBinding(() -> messages.text("cluster.events.total",
                viewModel.events().size()), viewModel.events()));
    }

    private static void column(TableColumn<ClusterEvent, String> column, Function<ClusterEvent, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    static String time(Instant time) {
        if (time == null) {
            return "";
        }
        var local = time.atZone(ZoneId.systemDefault());
        return local.toLocalDate().equals(LocalDate.now()) ? TIME.format(local) : DATE_TIME.format(local);
    }

    // ---- logs ----

    private void initLogs() {
        LogsViewModel logs = viewModel.logs();
        logPod.setItems(logs.pods());
        logPod.valueProperty().bindBidirectional(logs.podProperty());
        followLog.selectedProperty().bindBidirectional(logs.followProperty());
        logLines.setItems(logs.lines());
        logLines.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                getStyleClass().remove("log-marker");
                if (empty || line == null) {
                    setText(null);
                } else if (LogsViewModel.RESTART_MARKER.equals(line)) {
                    setText(messages.text("cluster.logs.restarted"));
                    getStyleClass().add("log-marker");
                } else {
                    setText(line);
                }
            }
        });
        ListChangeListener<String> scroll = c -> {
            if (logs.followProperty().get() && !logs.lines().isEmpty()) {
                logLines.scrollTo(logs.lines().size() - 1);
            }
        };
        logs.lines().addListener(scroll);
        unbind.add(() -> logs.lines().removeListener(scroll));
        // Lines that arrived while the tab was hidden: show the newest when it opens (and when Follow is pressed).
        ChangeListener<Boolean> showNewest = (obs, old, now) -> {
            if (now && logs.followProperty().get() && !logs.lines().isEmpty()) {
                logLines.scrollTo(logs.lines().size() - 1);
            }
        };
        listen(logsTab.selectedProperty(), showNewest);
        listen(logs.followProperty(), showNewest);
        logStatus.textProperty().bind(Bindings.createStringBinding(() -> {
            Problem p = logs.problemProperty().get();
            String status = messages.text(logs.statusText());
            return p == null ? status : status + " " + messages.text(p.title()) + ": " + messages.text(p.detail());
        }, logs.statusProperty(), logs.podProperty(), logs.lines(), logs.problemProperty()));
        reconnectLog.visibleProperty().bind(Bindings.createBooleanBinding(() -> logs.statusProperty().get()
                == LogsViewModel.Status.ENDED || logs.statusProperty().get() == LogsViewModel.Status.FAILED,
                logs.statusProperty()));
        reconnectLog.managedProperty().bind(reconnectLog.visibleProperty());
    }

    @FXML
    private void clearLog() {
        viewModel.logs().clear();
    }

    @FXML
    private void reconnectLog() {
        viewModel.logs().reconnect();
    }

    // ---- actions ----

    @FXML
    private void scale() {
        new ScaleDialogView(viewModel.scaleDialog(), messages).show(root.getScene().getWindow());
    }

    @FXML
    private void switchover() {
        new SwitchoverDialogView(viewModel.switchoverDialog(), messages).show(root.getScene().getWindow());
    }

    @FXML
    private void restart() {
        new RestartDialogView(viewModel.restartDialog(), messages).show(root.getScene().getWindow());
    }

    @FXML
    private void delete() {
        DeleteDialogView dialog = new DeleteDialogView(viewModel.deleteDialog(), messages);
        dialog.show(root.getScene().getWindow()).setOnHidden(e -> {
            if (viewModel.deletedProperty().get()) {
                closeView.run();
            }
        });
    }

    @FXML
    private void connectionInfo() {
        new ConnectionInfoView(viewModel.connectionInfo(), messages).show(root.getScene().getWindow());
    }

    /** psql to the primary with the default login (keyboard shortcut). */
    public void psqlToPrimary() {
        viewModel.openPsql(TunnelRoute.PRIMARY, null);
    }

    public void openConnectionInfo() {
        connectionInfo();
    }

    @FXML
    private void dismissSessionProblem() {
        viewModel.dismissSessionProblem();
    }
}
