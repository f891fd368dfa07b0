package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.cluster.ConnectionInfoViewModel.Field;
import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.common.Windows;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The connection panel: the local tunnel's host and port, the in-cluster Service names, user, database, the URIs
 * and the Secret — each with a copy button. The password stays masked (also in the URIs and in what is copied)
 * until "Reveal" is pressed.
 */
final class ConnectionInfoView {

    private final ConnectionInfoViewModel viewModel;
    private final Messages messages;
    private int row;

    ConnectionInfoView(ConnectionInfoViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
    }

    Stage show(Window owner) {
        Label title = new Label(messages.text("connection.title", viewModel.cluster().cluster()));
        title.getStyleClass().add("dialog-title");
        Label subtitle = new Label(messages.text("connection.subtitle"));
        subtitle.setWrapText(true);
        subtitle.getStyleClass().add("screen-subtitle");

        ToggleGroup routes = new ToggleGroup();
        RadioButton primary = new RadioButton(messages.text("connection.route.primary"));
        primary.setToggleGroup(routes);
        primary.setUserData(TunnelRoute.PRIMARY);
        primary.setSelected(true);
        RadioButton replica = new RadioButton(messages.text("connection.route.replica"));
        replica.setToggleGroup(routes);
        replica.setUserData(TunnelRoute.REPLICA);
        replica.setId("connectionReplica");
        routes.selectedToggleProperty().addListener((o, a, now) -> {
            if (now != null) {
                viewModel.routeProperty().set((TunnelRoute) now.getUserData());
            }
        });
        ComboBox<String> user = new ComboBox<>();
        user.getItems().setAll(viewModel.cluster().logins());
        user.setValue(user.getItems().getFirst());
        user.valueProperty().addListener((o, a, now) -> viewModel.userProperty().set(now));
        Label userLabel = new Label(messages.text("connection.login"));
        userLabel.getStyleClass().add("field-label");
        HBox chooser = new HBox(14, primary, replica, new Region(), userLabel, user);
        HBox.setHgrow(chooser.getChildren().get(2), Priority.ALWAYS);
        chooser.setAlignment(Pos.CENTER_LEFT);

        Label tunnel = new Label();
        tunnel.setId("connectionTunnel");
        tunnel.setWrapText(true);
        tunnel.getStyleClass().add("tunnel-state");
        tunnel.textProperty().bind(Bindings.createStringBinding(() -> describe(viewModel.tunnelStateProperty().get()),
                viewModel.tunnelStateProperty()));

        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(170);
        ColumnConstraints values = new ColumnConstraints();
        values.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, values, new ColumnConstraints());
        grid.getStyleClass().add("connection-grid");

        section(grid, "connection.section.local");
        value(grid, "connection.host", a -> a.tunnelHost(), Field.HOST, "connectionHost");
        value(grid, "connection.port", a -> String.valueOf(a.tunnelPort()), Field.PORT, "connectionPort");
        value(grid, "connection.user", DatabaseAccess::user, Field.USER, "connectionUser");
        value(grid, "connection.database", DatabaseAccess::database, Field.DATABASE, "connectionDatabase");
        ToggleButton reveal = new ToggleButton();
        reveal.setId("connectionReveal");
        reveal.selectedProperty().bindBidirectional(viewModel.revealedProperty());
        reveal.textProperty().bind(Bindings.createStringBinding(() -> messages.text(viewModel.revealedProperty().get()
                ? "connection.hide" : "connection.reveal"), viewModel.revealedProperty()));
        bound(grid, "connection.password", viewModel.passwordBinding(), Field.PASSWORD, "connectionPassword", reveal);
        bound(grid, "connection.uri", viewModel.uriBinding(), Field.URI, "connectionUri", null);
        section(grid, "connection.section.cluster");
        value(grid, "connection.primaryService", a -> a.primaryService() + ":" + a.port(), Field.PRIMARY_SERVICE, "connectionPrimaryService");
        value(grid, "connection.replicasService", a -> a.replicasService() + ":" + a.port(), Field.REPLICAS_SERVICE, "connectionReplicasService");
        bound(grid, "connection.inClusterUri", viewModel.inClusterUriBinding(), Field.IN_CLUSTER_URI, "connectionInClusterUri", null);
        value(grid, "connection.secret", DatabaseAccess::userSecret, Field.SECRET, "connectionSecret");

        ProgressIndicator loading = new ProgressIndicator();
        loading.setPrefSize(20, 20);
        loading.visibleProperty().bind(viewModel.loadingProperty());
        loading.managedProperty().bind(loading.visibleProperty());
        VBox problem = Texts.problemPanel(messages, viewModel.problemProperty(), 4);

        Button psql = new Button(messages.text("connection.psql"));
        psql.setOnAction(e -> viewModel.cluster().openPsql(viewModel.routeProperty().get(), user.getValue()));
        Button close = new Button(messages.text("dialog.close"));
        close.setCancelButton(true);
        Region space = new Region();
        HBox.setHgrow(space, Priority.ALWAYS);
        Label note = new Label(messages.text("connection.note"));
        note.setWrapText(true);
        note.getStyleClass().add("field-help");
        psql.setMinWidth(Region.USE_PREF_SIZE);
        close.setMinWidth(Region.USE_PREF_SIZE);
        HBox buttons = new HBox(10, space, psql, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        VBox root = new VBox(12, new VBox(4, title, subtitle), chooser, tunnel, loading, problem, grid, note, buttons);
        root.setPadding(new Insets(18, 22, 16, 22));
        root.getStyleClass().add("connection-panel");
        Stage stage = Windows.create(owner, root, messages.text("connection.window", viewModel.cluster().cluster()),
                Modality.NONE, 900, 680);
        close.setOnAction(e -> stage.close());
        stage.show();
        viewModel.load();
        return stage;
    }

    private String describe(TunnelState s) {
        if (s == null) {
            return messages.text("connection.tunnel.opening");
        }
        return switch (s.status()) {
            case FORWARDING -> messages.text(s.route() == TunnelRoute.PRIMARY ? "connection.tunnel.primary"
                    : "connection.tunnel.replica", s.host(), s.port(), s.targetPod(), s.openConnections(), s.retargets());
            case WAITING_FOR_TARGET -> messages.text("connection.tunnel.waiting", s.host(), s.port());
            case CLOSED -> messages.text("connection.tunnel.closed");
        };
    }

    private void section(GridPane grid, String key) {
        Label heading = new Label(messages.text(key));
        heading.getStyleClass().add("section-heading");
        grid.add(heading, 0, row++, 3, 1);
    }

    private void value(GridPane grid, String key, Function<DatabaseAccess, String> value, Field field, String id) {
        StringBinding text = Bindings.createStringBinding(() -> viewModel.accessProperty().get() == null ? ""
                : value.apply(viewModel.accessProperty().get()), viewModel.accessProperty());
        bound(grid, key, text, field, id, null);
    }

    private void bound(GridPane grid, String key, ObservableValue<String> text, Field field, String id,
                       javafx.scene.Node extra) {
        Label label = new Label(messages.text(key));
        label.getStyleClass().add("field-label");
        TextField shown = new TextField();
        shown.setEditable(false);
        shown.setId(id);
        shown.getStyleClass().addAll("monospace", "copyable");
        shown.textProperty().bind(text);
        Button copy = new Button(messages.text("connection.copy"));
        copy.setId(id + "Copy");
        copy.getStyleClass().add("small");
        copy.disableProperty().bind(viewModel.accessProperty().isNull());
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(viewModel.copyText(field));
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox buttons = extra == null ? new HBox(6, copy) : new HBox(6, extra, copy);
        grid.add(label, 0, row);
        grid.add(shown, 1, row);
        grid.add(buttons, 2, row++);
    }
}
