package dev.tusk.runtime.faults;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The cluster's members as the checker samples them, refreshed from the API server in the background so that a
 * tick never waits for Kubernetes (and a pod that got a new IP after deletion is picked up within a refresh).
 */
public final class MemberCache implements Supplier<Map<String, PgEndpoint>>, AutoCloseable {

    private final AtomicReference<Map<String, PgEndpoint>> current;
    private final Thread refresher;
    private volatile boolean running = true;

    public MemberCache(HaCluster cluster, long refreshMillis) {
        current = new AtomicReference<>(cluster.memberEndpoints());
        refresher = Thread.ofPlatform().daemon().name("member-cache").start(() -> {
            while (running) {
                Workload.sleepQuietly(java.time.Duration.ofMillis(refreshMillis));
                try {
                    current.set(cluster.memberEndpoints());
                } catch (RuntimeException e) {
                    // the API server may be slow or briefly away; keep the last view
                }
            }
        });
    }

    @Override
    public Map<String, PgEndpoint> get() {
        return current.get();
    }

    @Override
    public void close() {
        running = false;
        refresher.interrupt();
    }
}
