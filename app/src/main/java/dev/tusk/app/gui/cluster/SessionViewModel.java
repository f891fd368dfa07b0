package dev.tusk.app.gui.cluster;

import dev.tusk.app.gui.operations.ClusterOperations.Subscription;
import dev.tusk.app.model.TunnelRoute;
import dev.tusk.app.model.TunnelState;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A local tunnel the cluster view holds open: psql in a terminal (with its own tunnel), or the tunnel the connection
 * panel describes. Its {@link TunnelState} (target pod, connections, re-targets) shows live until it is closed.
 */
public final class SessionViewModel {

    public enum Kind { PSQL, TUNNEL }

    private final Kind kind;
    private final TunnelRoute route;
    private final String user;
    private final ReadOnlyObjectWrapper<TunnelState> state = new ReadOnlyObjectWrapper<>();
    private Subscription handle;
    private boolean closed;

    SessionViewModel(Kind kind, TunnelRoute route, String user) {
        this.kind = Objects.requireNonNull(kind);
        this.route = Objects.requireNonNull(route);
        this.user = user;
    }

    void attach(Subscription opened) {
        this.handle = opened;
    }

    void update(TunnelState now) {
        state.set(now);
    }

    /** Closes the tunnel (and psql's password file); returns what to close off the UI thread, or null. */
    Subscription detach() {
        closed = true;
        Subscription h = handle;
        handle = null;
        return h;
    }

    public boolean closed() {
        return closed;
    }

    public Kind kind() {
        return kind;
    }

    public TunnelRoute route() {
        return route;
    }

    /** The database user psql logs in as, or null for the default login. */
    public String user() {
        return user;
    }

    public ReadOnlyObjectProperty<TunnelState> stateProperty() {
        return state.getReadOnlyProperty();
    }
}
