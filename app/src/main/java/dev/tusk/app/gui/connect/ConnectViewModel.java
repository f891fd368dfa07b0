package dev.tusk.app.gui.connect;

import dev.tusk.app.gui.app.AppServices;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.kube.KubeErrors;
import dev.tusk.app.logic.kube.Kubeconfig;
import dev.tusk.app.logic.kube.KubeconfigSource;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.Progress;
import dev.tusk.app.logic.tasks.TaskHandle;
import dev.tusk.app.model.KubeContext;
import dev.tusk.app.model.Message;
import dev.tusk.app.model.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connect screen's state and rules: which kubeconfig is loaded, its contexts, the chosen one, a connection
 * attempt in progress (cancellable), and the explained problem of the last attempt. Loading and connecting run
 * through the {@code TaskExecutor}; nothing here blocks the caller.
 */
public final class ConnectViewModel {

    private final AppServices services;
    private final Consumer<Connection> onConnected;

    private final ReadOnlyObjectWrapper<KubeconfigSource> source = new ReadOnlyObjectWrapper<>();
    private final ObservableList<KubeContext> contexts = FXCollections.observableArrayList();
    private final ObjectProperty<KubeContext> selectedContext = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper connecting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Message> progress = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canConnect;

    private Kubeconfig kubeconfig;
    private TaskHandle attempt;

    public ConnectViewModel(AppServices services, Consumer<Connection> onConnected) {
        this.services = Objects.requireNonNull(services);
        this.onConnected = Objects.requireNonNull(onConnected);
        this.canConnect = Bindings.createBooleanBinding(
                () -> selectedContext.get() != null && !connecting.get(), selectedContext, connecting);
    }

    /** Loads the file the user picked last time if it still exists, else {@code KUBECONFIG} / ~/.kube/config. */
    public void loadInitial() {
        var remembered = services.preferences().kubeconfigFile().map(Path::of).filter(Files::isRegularFile);
        load(remembered.map(KubeconfigSource::picked).orElseGet(services.kubeconfigs()::defaultSource));
    }

    /** Goes back to {@code KUBECONFIG} / ~/.kube/config and forgets the picked file. */
    public void useDefaultKubeconfig() {
        services.preferences().setKubeconfigFile(null);
        load(services.kubeconfigs().defaultSource());
    }

    /** Loads a file the user picked, and remembers it for the next start. */
    public void loadFile(Path file) {
        services.preferences().setKubeconfigFile(file.toAbsolutePath().toString());
        load(KubeconfigSource.picked(file));
    }

    private void load(KubeconfigSource newSource) {
        source.set(newSource);
        problem.set(null);
        BackgroundTask.of(p -> services.kubeconfigs().load(newSource))
                .onSuccess(this::loaded)
                .onFailure(failure -> {
                    kubeconfig = null;
                    contexts.clear();
                    selectedContext.set(null);
                    problem.set(KubeErrors.explain(failure));
                })
                .executeWith(services.tasks());
    }

    private void loaded(Kubeconfig loaded) {
        kubeconfig = loaded;
        contexts.setAll(loaded.contexts());
        String remembered = services.preferences().lastContext().orElse(null);
        selectedContext.set(loaded.contexts().stream().filter(c -> c.name().equals(remembered)).findFirst()
                .or(loaded::defaultContext).orElse(null));
    }

    /** Connects to the selected context in the background; success hands the connection on. */
    public void connect() {
        KubeContext context = selectedContext.get();
        if (context == null || connecting.get() || kubeconfig == null) {
            return;
        }
        Kubeconfig using = kubeconfig;
        problem.set(null);
        connecting.set(true);
        progress.set(Message.of("connect.progress", context.server() == null ? context.name() : context.server()));
        attempt = BackgroundTask.of(p -> {
                    p.accept(Progress.indeterminate(Message.of("connect.progress", context.server())));
                    Connection connection = services.connections().connect(using, context.name());
                    if (Thread.currentThread().isInterrupted()) {
                        connection.close(); // cancelled while the server answered: nobody will use it
                        throw new InterruptedException("cancelled");
                    }
                    return connection;
                })
                .onSuccess(connection -> {
                    connecting.set(false);
                    progress.set(null);
                    services.preferences().setLastContext(context.name());
                    onConnected.accept(connection);
                })
                .onFailure(failure -> {
                    connecting.set(false);
                    progress.set(null);
                    problem.set(KubeErrors.explain(failure));
                })
                .onCancelled(() -> {
                    connecting.set(false);
                    progress.set(null);
                })
                .executeWith(services.tasks());
    }

    /** Abandons a connection attempt in progress; the screen is usable at once. */
    public void cancel() {
        if (attempt != null) {
            attempt.cancel();
        }
    }

    public void dismissProblem() {
        problem.set(null);
    }

    public ReadOnlyObjectProperty<KubeconfigSource> sourceProperty() {
        return source.getReadOnlyProperty();
    }

    public ObservableList<KubeContext> contexts() {
        return contexts;
    }

    public ObjectProperty<KubeContext> selectedContextProperty() {
        return selectedContext;
    }

    public ReadOnlyBooleanProperty connectingProperty() {
        return connecting.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Message> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanBinding canConnectBinding() {
        return canConnect;
    }
}
