package dev.tusk.app.gui.frame;

import dev.tusk.app.gui.clusters.ClustersView;
import dev.tusk.app.gui.common.ViewLoader;
import dev.tusk.app.gui.connect.ConnectView;
import dev.tusk.app.gui.theme.Styles;
import dev.tusk.app.gui.theme.Theme;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.model.ConnectionInfo;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;

/**
 * The main window: menu, the current screen (connect or cluster list) and the status bar. Binds to
 * {@link MainViewModel}; rebuilt whole when the language changes (the view models live on).
 */
public final class MainWindowView {

    private final MainViewModel viewModel;
    private final Messages messages;
    private final List<Runnable> unbind = new ArrayList<>();
    private final Parent root;

    @FXML private StackPane content;
    @FXML private MenuItem disconnectItem;
    @FXML private MenuItem newClusterItem;
    @FXML private MenuItem openClusterItem;
    @FXML private MenuItem closeClusterItem;
    @FXML private MenuItem psqlItem;
    @FXML private MenuItem connectionItem;
    @FXML private RadioMenuItem lightItem;
    @FXML private RadioMenuItem darkItem;
    @FXML private RadioMenuItem englishItem;
    @FXML private RadioMenuItem japaneseItem;
    @FXML private Region stateDot;
    @FXML private Label stateText;
    @FXML private Label contextText;
    @FXML private Label serverText;
    @FXML private Label versionText;
    @FXML private Label userText;

    private ClustersView clustersView;

    public MainWindowView(MainViewModel viewModel, Messages messages) {
        this.viewModel = viewModel;
        this.messages = messages;
        this.root = ViewLoader.load(this, messages.bundle());
    }

    public Parent root() {
        return root;
    }

    public void dispose() {
        unbind.forEach(Runnable::run);
        unbind.clear();
        if (clustersView != null) {
            clustersView.dispose();
        }
    }

    @FXML
    private void initialize() {
        lightItem.setSelected(viewModel.themeProperty().get() == Theme.LIGHT);
        darkItem.setSelected(viewModel.themeProperty().get() == Theme.DARK);
        englishItem.setSelected(!Locale.JAPANESE.equals(viewModel.localeProperty().get()));
        japaneseItem.setSelected(Locale.JAPANESE.equals(viewModel.localeProperty().get()));
        disconnectItem.disableProperty().bind(viewModel.connectionProperty().isNull());
        for (MenuItem item : List.of(newClusterItem, openClusterItem, closeClusterItem, psqlItem, connectionItem)) {
            item.disableProperty().bind(viewModel.clustersProperty().isNull());
        }

        ChangeListener<MainViewModel.Screen> screenChanged = (obs, old, now) -> showScreen();
        viewModel.screenProperty().addListener(screenChanged);
        unbind.add(() -> viewModel.screenProperty().removeListener(screenChanged));
        showScreen();

        stateText.textProperty().bind(Bindings.createStringBinding(() -> messages.text("status."
                + viewModel.connectionStateBinding().get().name().toLowerCase(Locale.ROOT)),
                viewModel.connectionStateBinding()));
        ChangeListener<MainViewModel.ConnectionState> stateChanged = (obs, old, now) -> styleState(now);
        viewModel.connectionStateBinding().addListener(stateChanged);
        unbind.add(() -> viewModel.connectionStateBinding().removeListener(stateChanged));
        styleState(viewModel.connectionStateBinding().get());
        contextText.textProperty().bind(info(i -> messages.text("status.context", i.context().name())));
        serverText.textProperty().bind(info(ConnectionInfo::server));
        versionText.textProperty().bind(info(i -> i.serverVersion() == null ? ""
                : messages.text("status.version", i.serverVersion())));
        userText.textProperty().bind(info(i -> i.userName() == null ? "" : messages.text("status.user", i.userName())));
    }

    private javafx.beans.binding.StringBinding info(java.util.function.Function<ConnectionInfo, String> text) {
        return Bindings.createStringBinding(() -> viewModel.connectionProperty().get() == null ? ""
                : text.apply(viewModel.connectionProperty().get()), viewModel.connectionProperty());
    }

    private void styleState(MainViewModel.ConnectionState state) {
        String style = switch (state) {
            case CONNECTED -> Styles.STATE_CONNECTED;
            case CONNECTING -> Styles.STATE_CONNECTING;
            case DISCONNECTED -> Styles.STATE_DISCONNECTED;
        };
        Styles.setExclusive(stateDot, Styles.CONNECTION_PREFIX, style);
    }

    private void showScreen() {
        if (clustersView != null) {
            clustersView.dispose();
            clustersView = null;
        }
        if (viewModel.screenProperty().get() == MainViewModel.Screen.CLUSTERS && viewModel.clustersProperty().get() != null) {
            clustersView = new ClustersView(viewModel.clustersProperty().get(), messages);
            content.getChildren().setAll(clustersView.root());
        } else {
            content.getChildren().setAll(new ConnectView(viewModel.connect(), messages).root());
        }
    }

    @FXML
    private void openKubeconfig() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(messages.text("connect.chooseFile.title"));
        File file = chooser.showOpenDialog(root.getScene().getWindow());
        if (file != null) {
            viewModel.disconnect();
            viewModel.connect().loadFile(file.toPath());
        }
    }

    @FXML
    private void newCluster() {
        if (clustersView != null) {
            clustersView.newCluster();
        }
    }

    @FXML
    private void openCluster() {
        if (clustersView != null) {
            clustersView.openSelected();
        }
    }

    @FXML
    private void closeCluster() {
        if (clustersView != null) {
            clustersView.closeCurrentTab();
        }
    }

    @FXML
    private void psql() {
        if (clustersView != null && clustersView.currentClusterView() != null) {
            clustersView.currentClusterView().psqlToPrimary();
        }
    }

    @FXML
    private void connectionInfo() {
        if (clustersView != null && clustersView.currentClusterView() != null) {
            clustersView.currentClusterView().openConnectionInfo();
        }
    }

    @FXML
    private void disconnect() {
        viewModel.disconnect();
    }

    @FXML
    private void quit() {
        Platform.exit();
    }

    @FXML
    private void useLight() {
        viewModel.themeProperty().set(Theme.LIGHT);
    }

    @FXML
    private void useDark() {
        viewModel.themeProperty().set(Theme.DARK);
    }

    @FXML
    private void useEnglish() {
        viewModel.localeProperty().set(Locale.ENGLISH);
    }

    @FXML
    private void useJapanese() {
        viewModel.localeProperty().set(Locale.JAPANESE);
    }
}
