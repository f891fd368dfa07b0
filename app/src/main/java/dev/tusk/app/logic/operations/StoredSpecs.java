package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.runtime.model.ClusterSpec;

/**
 * A cluster's stored spec (its ConfigMap's {@code spec.yaml}, defaults filled in), read once — for views and dialogs
 * that show or change it (the scale dialog's instance sets, the connection panel's users).
 */
public final class StoredSpecs {

    private final ClusterAccess access;

    public StoredSpecs(Connection connection) {
        this.access = new ClusterAccess(connection);
    }

    /** @throws ProblemException when there is no such cluster, its spec is unreadable, or Kubernetes refused the read */
    public ClusterSpec read(String namespace, String cluster) {
        return access.spec(namespace, cluster);
    }
}
