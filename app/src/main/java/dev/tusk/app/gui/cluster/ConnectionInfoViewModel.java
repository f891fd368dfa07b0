package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations;
import dev.tusk.app.logic.tasks.BackgroundTask;
import dev.tusk.app.logic.tasks.TaskExecutor;
import dev.tusk.app.model.DatabaseAccess;
import dev.tusk.app.model.Problem;
import dev.tusk.app.model.SecretText;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The connection panel: a local tunnel to the primary (or a ready replica, read-only) that the cluster view keeps
 * open, and how to connect through it — host and port, the in-cluster Service names, user, database, the URI and
 * the Secret applications read. The password is masked everywhere (fields, URIs, copied text) until the user asks
 * to reveal it; a change of route or user masks it again. Nothing here is ever logged.
 */
public final class ConnectionInfoViewModel {

    /** What a copy button copies. */
    public enum Field { HOST, PORT, USER, DATABASE, PASSWORD, URI, IN_CLUSTER_URI, PRIMARY_SERVICE, REPLICAS_SERVICE, SECRET }

    private final ClusterViewModel cluster;
    private final ClusterOperations operations;
    private final TaskExecutor tasks;

    private final ObjectProperty<TunnelRoute> route = new SimpleObjectProperty<>(TunnelRoute.PRIMARY);
    private final ObjectProperty<String> user = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<DatabaseAccess> access = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TunnelState> tunnelState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Problem> problem = new ReadOnlyObjectWrapper<>();
    private final BooleanProperty revealed = new SimpleBooleanProperty();
    private final StringBinding password;
    private final StringBinding uri;
    private final StringBinding inClusterUri;
    private int question;

    ConnectionInfoViewModel(ClusterViewModel cluster, ClusterOperations operations, TaskExecutor tasks) {
        this.cluster = cluster;
        this.operations = operations;
        this.tasks = tasks;
        password = Bindings.createStringBinding(() -> access.get() == null ? ""
                : revealed.get() ? access.get().password().reveal() : SecretText.MASK, access, revealed);
        uri = Bindings.createStringBinding(() -> access.get() == null ? "" : access.get().tunnelUri(revealed.get()),
                access, revealed);
        inClusterUri = Bindings.createStringBinding(() -> access.get() == null ? ""
                : access.get().inClusterUri(revealed.get()), access, revealed);
        route.addListener((obs, old, now) -> load());
        user.addListener((obs, old, now) -> load());
        // A tunnel that cannot be opened (no primary, local port taken) is reported by the cluster view.
        cluster.sessionProblemProperty().addListener((obs, old, now) -> {
            if (now != null && loading.get()) {
                problem.set(now);
                loading.set(false);
            }
        });
    }

    /** Opens (or reuses) the route's tunnel and describes how to connect through it. */
    public void load() {
        int asked = ++question;
        revealed.set(false);
        access.set(null);
        problem.set(null);
        loading.set(true);
        TunnelRoute chosenRoute = route.get();
        String chosenUser = user.get();
        cluster.tunnel(chosenRoute, tunnel -> {
            SessionViewModel session = cluster.tunnelSession(chosenRoute);
            if (session != null) {
                tunnelState.bind(session.stateProperty());
            }
            BackgroundTask.of(p -> operations.describeAccess(cluster.namespace(), cluster.cluster(), chosenUser, tunnel))
                    .onSuccess(found -> {
                        if (asked == question) {
                            access.set(found);
                            loading.set(false);
                        }
                    })
                    .onFailure(failure -> {
                        if (asked == question) {
                            problem.set(operations.explain(failure));
                            loading.set(false);
                        }
                    })
                    .executeWith(tasks);
        });
    }

    /** The text a copy button puts on the clipboard; the password (alone or in a URI) only when revealed. */
    public String copyText(Field field) {
        DatabaseAccess a = access.get();
        if (a == null) {
            return "";
        }
        return switch (field) {
            case HOST -> a.tunnelHost();
            case PORT -> String.valueOf(a.tunnelPort());
            case USER -> a.user();
            case DATABASE -> a.database();
            case PASSWORD -> revealed.get() ? a.password().reveal() : SecretText.MASK;
            case URI -> a.tunnelUri(revealed.get());
            case IN_CLUSTER_URI -> a.inClusterUri(revealed.get());
            case PRIMARY_SERVICE -> a.primaryService();
            case REPLICAS_SERVICE -> a.replicasService();
            case SECRET -> a.userSecret();
        };
    }

    public ObjectProperty<TunnelRoute> routeProperty() {
        return route;
    }

    /** The login (null: the default one — the spec's first user, else the superuser). */
    public ObjectProperty<String> userProperty() {
        return user;
    }

    public ReadOnlyObjectProperty<DatabaseAccess> accessProperty() {
        return access.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TunnelState> tunnelStateProperty() {
        return tunnelState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Problem> problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public BooleanProperty revealedProperty() {
        return revealed;
    }

    /** The password as shown: masked until revealed. */
    public StringBinding passwordBinding() {
        return password;
    }

    public StringBinding uriBinding() {
        return uri;
    }

    public StringBinding inClusterUriBinding() {
        return inClusterUri;
    }

    public ClusterViewModel cluster() {
        return cluster;
    }

    @Override
    public String toString() {
        return "ConnectionInfoViewModel[" + Objects.toString(access.get()) + "]";
    }
}
