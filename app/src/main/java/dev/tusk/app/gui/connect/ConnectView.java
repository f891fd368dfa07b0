package dev.tusk.app.gui.connect;

import dev.tusk.app.gui.common.Texts;
import dev.tusk.app.gui.common.ViewLoader;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.KubeconfigSource;
import dev.tusk.app.model.KubeContext;
import java.io.File;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import java.util.function.Function;

/** The connect screen: binds to {@link ConnectViewModel} and forwards clicks. */
public final class ConnectView {

    private final ConnectViewModel viewModel;
    private final Messages messages;

    @FXML private Label kubeconfigPath;
    @FXML private TableView<KubeContext> contextsTable;
    @FXML private TableColumn<KubeContext, String> currentColumn;
    @FXML private TableColumn<KubeContext, String> nameColumn;
    @FXML private TableColumn<KubeContext, String> serverColumn;
    @FXML private TableColumn<KubeContext, String> userColumn;
    @FXML private TableColumn<KubeContext, String> namespaceColumn;
    @FXML private TableColumn<KubeContext, String> authColumn;
    @FXML private Button connectButton;
    @FXML private Button cancelButton;
    @FXML private ProgressIndicator progress;
    @FXML private Label progressText;
    @FXML private VBox problemPanel;
    @FXML private Label problemTitle;
    @FXML private Label problemDetail;
    @FXML private Label problemFix;

    private final Parent root;

    public ConnectView(ConnectViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.root = ViewLoader.load(this, messages.bundle());
    }

    public Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        kubeconfigPath.textProperty().bind(Bindings.createStringBinding(
                () -> describe(viewModel.sourceProperty().get()), viewModel.sourceProperty()));
        contextsTable.setItems(viewModel.contexts());
        column(currentColumn, c -> c.current() ? "●" : "");
        column(nameColumn, KubeContext::name);
        column(serverColumn, c -> c.server() == null ? messages.text("connect.noServer") : c.server());
        column(userColumn, KubeContext::user);
        column(namespaceColumn, c -> c.namespace() == null ? "" : c.namespace());
        column(authColumn, c -> messages.text("auth." + c.auth().name().toLowerCase(Locale.ROOT))
                + (c.execCommand() == null ? "" : " (" + c.execCommand() + ")"));
        contextsTable.setPlaceholder(new Label(messages.text("connect.noContexts")));
        contextsTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                viewModel.selectedContextProperty().set(now);
            }
        });
        viewModel.selectedContextProperty().addListener((obs, old, now) -> select(now));
        select(viewModel.selectedContextProperty().get());
        contextsTable.setRowFactory(table -> {
            TableRow<KubeContext> row = new TableRow<>();
            row.setOnMouseClicked(event -> {
                if (event.getButton() == MouseButton.PRIMARY && event.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.connect();
                }
            });
            return row;
        });
        // Keyboard first: the context list has the focus, Enter connects to the selected context.
        contextsTable.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                viewModel.connect();
                event.consume();
            }
        });
        contextsTable.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                contextsTable.requestFocus();
            }
        });
        connectButton.disableProperty().bind(viewModel.canConnectBinding().not());
        cancelButton.visibleProperty().bind(viewModel.connectingProperty());
        cancelButton.managedProperty().bind(cancelButton.visibleProperty());
        progress.visibleProperty().bind(viewModel.connectingProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        progressText.textProperty().bind(Texts.of(messages, viewModel.progressProperty()));
        Texts.bindProblem(messages, viewModel.problemProperty(), problemPanel, problemTitle, problemDetail, problemFix);
    }

    private void select(KubeContext context) {
        if (context != null && contextsTable.getSelectionModel().getSelectedItem() != context) {
            contextsTable.getSelectionModel().select(context);
            contextsTable.scrollTo(context);
        }
    }

    private static void column(TableColumn<KubeContext, String> column, Function<KubeContext, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    private String describe(KubeconfigSource source) {
        if (source == null) {
            return "";
        }
        return switch (source.origin()) {
            case KUBECONFIG_VARIABLE -> messages.text("connect.source.variable", source.describeFiles());
            case HOME -> messages.text("connect.source.home", source.describeFiles());
            case PICKED -> messages.text("connect.source.picked", source.describeFiles());
        };
    }

    @FXML
    private void connect() {
        viewModel.connect();
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @FXML
    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.text("connect.chooseFile.title"));
        KubeconfigSource source = viewModel.sourceProperty().get();
        if (source != null && !source.files().isEmpty() && source.files().getFirst().getParent() != null
                && source.files().getFirst().getParent().toFile().isDirectory()) {
            chooser.setInitialDirectory(source.files().getFirst().getParent().toFile());
        }
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.loadFile(file.toPath());
        }
    }

    @FXML
    private void useDefault() {
        viewModel.useDefaultKubeconfig();
    }
}
