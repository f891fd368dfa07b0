package dev.tusk.app.gui.frame;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.gui.clusters.ClustersViewModel;
import dev.tusk.app.gui.connect.ConnectViewModel;
import dev.tusk.app.gui.theme.Theme;
import dev.tusk.app.logic.i18n.Messages;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.model.ConnectionInfo;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The main window's state: which screen shows, the open connection, language and theme (remembered), and the
 * status bar's facts. Owns the connect and cluster-list view models and ends what they hold on disconnect and exit.
 */
public final class MainViewModel {

    public enum Screen { CONNECT, CLUSTERS }

    public enum ConnectionState { DISCONNECTED, CONNECTING, CONNECTED }

    private final AppServices services;
    private final ConnectViewModel connect;
    private final ReadOnlyObjectWrapper<Screen> screen = new ReadOnlyObjectWrapper<>(Screen.CONNECT);
    private final ReadOnlyObjectWrapper<ClustersViewModel> clusters = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionInfo> connection = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<Locale> locale = new SimpleObjectProperty<>();
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>();
    private final ObjectBinding<ConnectionState> connectionState;

    public MainViewModel(AppServices services, Locale systemLocale) {
        this.services = Objects.requireNonNull(services);
        this.connect = new ConnectViewModel(services, this::connected);
        locale.set(Messages.supported(services.preferences().language().map(Locale::forLanguageTag)
                .orElse(systemLocale)));
        theme.set(Theme.fromName(services.preferences().theme().orElse(null), Theme.LIGHT));
        locale.addListener((obs, old, now) -> services.preferences().setLanguage(now.toLanguageTag()));
        theme.addListener((obs, old, now) -> services.preferences().setTheme(now.name()));
        connectionState = Bindings.createObjectBinding(() -> connection.get() != null ? ConnectionState.CONNECTED
                : connect.connectingProperty().get() ? ConnectionState.CONNECTING : ConnectionState.DISCONNECTED,
                connection, connect.connectingProperty());
    }

    /** Starts the app: loads the kubeconfig. */
    public void start() {
        connect.loadInitial();
    }

    private void connected(Connection opened) {
        ClustersViewModel vm = new ClustersViewModel(opened, services);
        connection.set(opened.info());
        clusters.set(vm);
        screen.set(Screen.CLUSTERS);
        vm.activate();
    }

    /** Closes the watchers and the connection and goes back to the connect screen. */
    public void disconnect() {
        ClustersViewModel vm = clusters.get();
        clusters.set(null);
        connection.set(null);
        screen.set(Screen.CONNECT);
        if (vm != null) {
            vm.deactivate();
            Connection open = vm.connection();
            BackgroundTask.of(p -> {
                open.close();
                return null;
            }).executeWith(services.tasks());
        }
    }

    /** The window closes: end everything this session opened. */
    public void shutdown() {
        ClustersViewModel vm = clusters.get();
        if (vm != null) {
            vm.deactivate();
            vm.connection().close();
        }
        connect.cancel();
        services.tasks().close();
    }

    public ConnectViewModel connect() {
        return connect;
    }

    public ReadOnlyObjectProperty<Screen> screenProperty() {
        return screen.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ClustersViewModel> clustersProperty() {
        return clusters.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionInfo> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ObjectBinding<ConnectionState> connectionStateBinding() {
        return connectionState;
    }

    public ObjectProperty<Locale> localeProperty() {
        return locale;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }
}
