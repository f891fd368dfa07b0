package dev.tusk.app.logic.operations;

import dev.tusk.app.logic.ProblemException;
import dev.tusk.app.logic.Problems;
import dev.tusk.app.logic.apply.ClusterRepository;
import dev.tusk.app.logic.kube.Connection;
import dev.tusk.app.logic.tasks.Cancellation;
import dev.tusk.app.model.ProblemKind;
import dev.tusk.runtime.model.ClusterNames;
import dev.tusk.runtime.model.ClusterSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/** What the operations share: the stored spec, Secret values, explained API failures, and polling waits. */
final class ClusterAccess {

    static final long POLL_MILLIS = 200;

    private final Connection connection;
    private final ClusterRepository repository;

    ClusterAccess(Connection connection) {
        this.connection = connection;
        this.repository = new ClusterRepository(connection.client());
    }

    Connection connection() {
        return connection;
    }

    /** The stored spec with defaults. @throws ProblemException when there is no such cluster or its spec is unreadable */
    ClusterSpec spec(String namespace, String cluster) {
        return repository.requireSpec(namespace, cluster, connection.errors());
    }

    /** A Secret's value, or empty when the Secret or key is missing. */
    Optional<String> secretValue(String namespace, String secret, String key) {
        Secret found = call(() -> connection.client().secrets().inNamespace(namespace).withName(secret).get());
        if (found == null) {
            return Optional.empty();
        }
        if (found.getData() != null && found.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(found.getData().get(key)), StandardCharsets.UTF_8));
        }
        if (found.getStringData() != null && found.getStringData().get(key) != null) {
            return Optional.of(found.getStringData().get(key));
        }
        return Optional.empty();
    }

    /** The agent API token. @throws ProblemException when the Secret or its key is missing */
    String agentToken(String namespace, String cluster) {
        String secret = new ClusterNames(cluster).agentApiSecret();
        return secretValue(namespace, secret, "token").filter(t -> !t.isBlank()).orElseThrow(() ->
                Problems.exception(ProblemKind.CLUSTER_DATA, "problem.agentToken.missing", secret, namespace, cluster));
    }

    /** Runs a Kubernetes call; a refusal becomes an explained {@link ProblemException}. */
    <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw new ProblemException(connection.errors().problemOf(e), e);
        }
    }

    /**
     * Polls {@code condition} every {@link #POLL_MILLIS} until it gives a value, the deadline passes (empty), or the
     * operation is cancelled ({@link java.util.concurrent.CancellationException}). A failing read counts as "not yet".
     */
    static <T> Optional<T> poll(Supplier<Optional<T>> condition, long deadlineNanos, Cancellation cancel) {
        while (true) {
            cancel.throwIfCancelled();
            try {
                Optional<T> value = condition.get();
                if (value.isPresent()) {
                    return value;
                }
            } catch (ProblemException | KubernetesClientException e) {
                // the API server is briefly unavailable, or the object is being replaced: try again
            }
            if (System.nanoTime() >= deadlineNanos) {
                return Optional.empty();
            }
            cancel.pause(POLL_MILLIS);
        }
    }

    static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }
}
