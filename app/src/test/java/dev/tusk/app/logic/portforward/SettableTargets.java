package dev.tusk.app.logic.portforward;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A stand-in for the informers (not Kubernetes): the test says where the primary route and the replicas are. */
final class SettableTargets implements TunnelTargetSource {

    private volatile String primary;
    private final Set<String> replicas = ConcurrentHashMap.newKeySet();
    private volatile Runnable onChange = () -> { };
    volatile boolean closed;
    /** How long a replica lookup takes (a busy informer cache); widens the window in which choices can race. */
    volatile long replicaLookupMillis;

    void primary(String pod) {
        primary = pod;
        onChange.run();
    }

    void replicas(String... pods) {
        replicas.clear();
        replicas.addAll(Set.of(pods));
        onChange.run();
    }

    @Override
    public void start(Runnable changed) {
        this.onChange = changed;
    }

    @Override
    public Optional<String> primary() {
        return Optional.ofNullable(primary);
    }

    @Override
    public Optional<String> replica(Map<String, Integer> connections) {
        if (replicaLookupMillis > 0) {
            try {
                Thread.sleep(replicaLookupMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return replicas.stream().min(java.util.Comparator.<String>comparingInt(p -> connections.getOrDefault(p, 0))
                .thenComparing(java.util.Comparator.naturalOrder()));
    }

    @Override
    public boolean isReplica(String pod) {
        return replicas.contains(pod);
    }

    @Override
    public void close() {
        closed = true;
    }
}
