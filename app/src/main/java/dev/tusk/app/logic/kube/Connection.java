package dev.tusk.app.logic.kube;

import dev.tusk.app.model.ConnectionInfo;
import dev.tusk.app.model.KubeContext;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * An open connection to one context's API server: the client every service of this session uses, what the
 * connection established, and the error explainer that names this context. Closing it closes the client (and with
 * it every informer and watch still open on it).
 */
public final class Connection implements AutoCloseable {

    private final KubernetesClient client;
    private final ConnectionInfo info;
    private final KubeErrors errors;

    public Connection(KubernetesClient client, ConnectionInfo info) {
        this.client = client;
        this.info = info;
        this.errors = KubeErrors.forTarget(ErrorTarget.of(info.context()).withServer(info.server()));
    }

    public KubernetesClient client() {
        return client;
    }

    public ConnectionInfo info() {
        return info;
    }

    public KubeContext context() {
        return info.context();
    }

    /** Explains failures of calls made on this connection, naming its context, server and user. */
    public KubeErrors errors() {
        return errors;
    }

    @Override
    public void close() {
        client.close();
    }
}
